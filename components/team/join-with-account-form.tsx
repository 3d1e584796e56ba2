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

type Props = {
  token: string;
  workspaceName: string;
  /** Set for an email invitation: the account must use this address. */
  email: string | null;
};

/** Creates the invitee's account (same rules as sign-up, no workspace of their own), joins, signs in. */
export function JoinWithAccountForm({ token, workspaceName, email }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const join = useMutation(trpc.team.joinWithNewAccount.mutationOptions());
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSignInError(null);
    const form = new FormData(event.currentTarget);
    const input = {
      token,
      name: String(form.get("name") ?? ""),
      email: email ?? String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    const joined = await join.mutateAsync(input).catch(() => null);
    if (!joined) return;
    setSigningIn(true);
    const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (!result?.ok) {
      setSigningIn(false);
      setSignInError(`Your account was created and you joined ${workspaceName}, but signing in failed. Sign in to continue.`);
      return;
    }
    router.replace(joined.landing);
    router.refresh();
  }

  const field = join.error ? errorField(join.error) : null;
  const message = join.error ? errorMessage(join.error) : null;
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
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        readOnly={email !== null}
        defaultValue={email ?? undefined}
        hint={email ? "The invitation is for this address." : undefined}
        error={fieldError("email")}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters, letters mixed with numbers or symbols."
        error={fieldError("password")}
      />
      <Button type="submit" className="w-full" pending={join.isPending || signingIn}>
        {signingIn ? `Opening ${workspaceName}…` : `Create account and join`}
      </Button>
    </form>
  );
}
