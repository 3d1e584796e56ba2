import Link from "next/link";
import type { ReactNode } from "react";

type Props = { slug: string; title: string; about: string; allowed: boolean; children: ReactNode };

/** The frame of both analytics pages: heading, the way back to Links, and the role check's message. */
export function AnalyticsPage({ slug, title, about, allowed, children }: Props) {
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
          <Link href={`/${slug}/links`} className="hover:underline">
            Links
          </Link>
          {" / "}
          <Link href={`/${slug}/links/analytics`} className="hover:underline">
            Analytics
          </Link>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
        <p className="mt-1 text-slate-600">{about}</p>
      </div>
      {allowed ? (
        children
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white px-5 py-8 text-center text-slate-600">
          Link analytics are for owners, admins and marketers. Ask an owner or admin to change your role if you run campaigns.
        </p>
      )}
    </div>
  );
}
