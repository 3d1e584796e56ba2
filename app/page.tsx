import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { FirstWorkspaceForm } from "@/components/console/first-workspace-form";
import { Logo } from "@/components/ui/logo";
import { database } from "@/db/client";
import { currentUserId } from "@/server/auth/session";
import { listMemberships } from "@/server/workspaces/membership";

const POINTS = [
  [
    "Route every conversation",
    "Round robin, online first, capacity and skills: each customer reaches an agent who can take them.",
  ],
  [
    "Answer many at once",
    "Agents work parallel conversations live, hand them over with a note, and every reply passes content risk control.",
  ],
  ["Know where customers come from", "Diversion links capture UTM parameters and attribute every conversation to its channel."],
  ["Stay in control", "Supervisors watch live status and audit every allocation, transfer and risk-word trigger."],
] as const;

export default async function Landing() {
  const userId = await currentUserId();
  if (userId) {
    const [first] = await listMemberships(database(), userId);
    if (first) redirect(`/${first.workspace.slug}`);
    return (
      <AuthCard
        title="You are not in a workspace"
        subtitle="You are signed in, but no workspace has you as a member. Create one, or ask a workspace owner to invite you."
        footer={<SignOutButton />}
      >
        <FirstWorkspaceForm />
      </AuthCard>
    );
  }
  return (
    <div className="min-h-screen bg-white">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-6 py-5">
        <Logo />
        <nav className="flex items-center gap-3 text-sm">
          <Link href="/sign-in" className="rounded-md px-3 py-2 text-slate-700 hover:bg-slate-100">
            Sign in
          </Link>
          <Link href="/sign-up" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Start free trial
          </Link>
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-6 pb-24 pt-16">
        <h1 className="max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">The help desk for your Telegram bot.</h1>
        <p className="mt-5 max-w-2xl text-lg text-slate-600">
          Connect your bot and your whole team answers everyone who writes to it, with routing, quotas, attribution and internal
          controls built in.
        </p>
        <div className="mt-8 flex gap-3">
          <Link href="/sign-up" className="rounded-md bg-brand-600 px-5 py-3 font-medium text-white hover:bg-brand-700">
            Start your 3-day trial
          </Link>
          <Link
            href="/sign-in"
            className="rounded-md border border-slate-300 px-5 py-3 font-medium text-slate-800 hover:bg-slate-50"
          >
            Sign in
          </Link>
        </div>
        <ul className="mt-16 grid gap-6 sm:grid-cols-2">
          {POINTS.map(([title, text]) => (
            <li key={title} className="rounded-lg border border-slate-200 p-5">
              <h2 className="font-medium">{title}</h2>
              <p className="mt-1 text-sm text-slate-600">{text}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
