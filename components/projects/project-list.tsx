import Link from "next/link";
import { StatusBadge } from "./status-badge";

export type ProjectListItem = {
  id: string;
  name: string;
  status: "draft" | "active" | "inactive";
  createdAt: Date;
  archivedAt: Date | null;
  botUsername: string | null;
};

/** One row per project: name, status, bot and when it was created. */
export function ProjectList({ slug, projects }: { slug: string; projects: ProjectListItem[] }) {
  return (
    <ul
      className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
      aria-label="Projects"
    >
      {projects.map((p) => (
        <li key={p.id}>
          <Link
            href={`/${slug}/projects/${p.id}`}
            className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 hover:bg-slate-50"
          >
            <span className="min-w-40 flex-1 font-medium text-slate-900">{p.name}</span>
            <StatusBadge status={p.status} archived={p.archivedAt !== null} />
            <span className="w-56 truncate text-sm text-slate-600">{p.botUsername ? `@${p.botUsername}` : "No bot yet"}</span>
            <span className="w-32 text-right text-xs text-slate-500">
              Created {p.createdAt.toLocaleDateString(undefined, { dateStyle: "medium" })}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
