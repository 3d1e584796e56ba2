"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Shows the current workspace; lists the others the user belongs to and creates new ones. */
export function WorkspaceSwitcher({ current }: { current: { slug: string; name: string } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ ...trpc.workspace.list.queryOptions(), enabled: open });
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: (ws) => {
        setOpen(false);
        setCreating(false);
        router.push(`/${ws.slug}`);
      },
    }),
  );
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    const escape = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Workspace: ${current.name}. Switch workspace`}
        onClick={() => setOpen((v) => !v)}
        className="flex w-full items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-left text-sm hover:bg-slate-50"
      >
        <span className="truncate font-medium">{current.name}</span>
        <span aria-hidden className="text-slate-400">
          ▾
        </span>
      </button>
      {open && (
        <div role="menu" className="absolute left-0 right-0 z-20 mt-1 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          {list.isPending && <p className="px-3 py-2 text-sm text-slate-500">Loading workspaces…</p>}
          {list.isError && <p className="px-3 py-2 text-sm text-red-600">{errorMessage(list.error)}</p>}
          {list.data?.map((ws) => (
            <Link
              key={ws.id}
              role="menuitem"
              href={`/${ws.slug}`}
              onClick={() => setOpen(false)}
              aria-current={ws.slug === current.slug ? "true" : undefined}
              className="flex items-center justify-between rounded px-3 py-2 text-sm hover:bg-slate-100 aria-[current=true]:font-medium"
            >
              <span className="truncate">{ws.name}</span>
              <span className="text-xs capitalize text-slate-500">{ws.role}</span>
            </Link>
          ))}
          <div className="my-1 border-t border-slate-100" />
          {creating ? (
            <form onSubmit={onCreate} className="space-y-2 p-2">
              <Field label="New workspace name" name="name" autoFocus error={create.error ? errorMessage(create.error) : null} />
              <div className="flex gap-2">
                <Button type="submit" pending={create.isPending} className="flex-1">
                  Create
                </Button>
                <Button type="button" variant="secondary" onClick={() => setCreating(false)}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : (
            <button
              type="button"
              role="menuitem"
              onClick={() => setCreating(true)}
              className="w-full rounded px-3 py-2 text-left text-sm text-brand-700 hover:bg-slate-100"
            >
              + New workspace
            </button>
          )}
        </div>
      )}
    </div>
  );
}
