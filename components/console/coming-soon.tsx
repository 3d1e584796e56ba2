import type { ConsoleArea } from "./areas";

export function ComingSoon({ area }: { area: ConsoleArea }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold">{area.label}</h1>
      <p className="mt-2 text-slate-600">{area.about}</p>
      <p className="mt-6 inline-block rounded-md border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
        {area.label} is not built yet. It is coming in a later release of Deskgram; nothing here is configured or running.
      </p>
    </div>
  );
}
