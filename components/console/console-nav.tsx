"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { CONSOLE_AREAS } from "./areas";

export function ConsoleNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="flex flex-col gap-0.5">
      <Link
        href={`/${slug}`}
        aria-current={pathname === `/${slug}` ? "page" : undefined}
        className="rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-700"
      >
        Overview
      </Link>
      {CONSOLE_AREAS.map((area) => {
        const href = `/${slug}/${area.path}`;
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={area.path}
            href={href}
            aria-current={active ? "page" : undefined}
            className="flex items-center justify-between rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-medium aria-[current=page]:text-brand-700"
          >
            {area.label}
            {!area.ready && (
              <span className="rounded bg-slate-100 px-1.5 text-[10px] uppercase tracking-wide text-slate-500">soon</span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
