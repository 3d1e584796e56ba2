"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { path: "sessions", label: "Session log" },
  { path: "risk", label: "Risk triggers" },
] as const;

export function AuditTabs({ slug }: { slug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Audit" className="flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const href = `/${slug}/audit/${tab.path}`;
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={tab.path}
            href={href}
            aria-current={current ? "page" : undefined}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand-600 aria-[current=page]:font-medium aria-[current=page]:text-brand-700"
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
