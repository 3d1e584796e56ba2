"use client";
import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSignInError(null);
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      workspaceName: String(form.get("workspaceName") ?? ""),
    };
    const { workspaceSlug } = await signUp.mutateAsync(input).catch(() => ({ workspaceSlug: null }));
    if (!workspaceSlug) return;
    setSigningIn(true);
    const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (!result?.ok) {
      setSigningIn(false);
      setSignInError(
        `Your account was created, but signing in failed: ${result?.error ?? "unknown error"}. Sign in to continue.`,
      );
      return;
    }
    router.replace(`/${workspaceSlug}`);
    router.refresh();
  }

  const field = signUp.error ? errorField(signUp.error) : null;
  const message = signUp.error ? errorMessage(signUp.error) : null;
  const fieldError = (name: string) => (field === name ? message : null);

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message && !field && <Alert>{message}</Alert>}
      {signInError && (
        <Alert>
          {signInError}{" "}
          <Link href="/sign-in" className="underline">
            Sign in
          </Link>
        </Alert>
      )}
      <Field label="Your name" name="name" autoComplete="name" required error={fieldError("name")} />
      <Field label="Work email" name="email" type="email" autoComplete="email" required error={fieldError("email")} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters, letters mixed with numbers or symbols."
        error={fieldError("password")}
      />
      <Field
        label="Workspace name"
        name="workspaceName"
        autoComplete="organization"
        required
        hint="Usually your company or team."
        error={fieldError("workspaceName")}
      />
      <Button type="submit" className="w-full" pending={signUp.isPending || signingIn}>
        {signingIn ? "Opening your workspace…" : "Create workspace"}
      </Button>
      <p className="text-center text-xs text-slate-500">Starts a free 3-day Trial with every feature. No card needed.</p>
    </form>
  );
}
