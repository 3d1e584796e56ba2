"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** For a signed-in person who belongs to no workspace (e.g. removed from their last one). */
export function FirstWorkspaceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.workspace.create.mutationOptions({ onSuccess: (ws) => router.push(`/${ws.slug}`) }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="Workspace name" name="name" required error={create.error ? errorMessage(create.error) : null} />
      <Button type="submit" className="w-full" pending={create.isPending}>
        Create workspace
      </Button>
    </form>
  );
}
