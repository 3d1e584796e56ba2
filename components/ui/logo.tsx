import Link from "next/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold text-slate-900">
      <span className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm text-white" aria-hidden>
        D
      </span>
      Deskgram
    </Link>
  );
}
