"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorField, errorMessage } from "@/components/providers/errors";

/** What the server made: the account to sign in with, and the page to open. */
type Created = { email: string; password: string; landing: string };

type Options = {
  /** Sends the form; null when the server refused it (its error is then `error`). */
  create: (form: FormData) => Promise<Created | null>;
  /** The server's error, from the mutation `create` runs. */
  error: unknown;
  /** Says that the account exists but signing in failed, and why. */
  signInFailed: (reason: string) => string;
};

/** The name, email and password fields of a new-account form. */
export function accountInput(form: FormData) {
  return {
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  };
}

/** A form that creates an account, then signs it in and opens where it lands; the server's errors by field. */
export function useNewAccount({ create, error, signInFailed }: Options) {
  const router = useRouter();
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSignInError(null);
    const created = await create(new FormData(event.currentTarget));
    if (!created) return;
    setSigningIn(true);
    const result = await signIn("credentials", { email: created.email, password: created.password, redirect: false });
    if (!result?.ok) {
      setSigningIn(false);
      setSignInError(signInFailed(result?.error ?? "unknown error"));
      return;
    }
    router.replace(created.landing);
    router.refresh();
  }

  const field = error ? errorField(error) : null;
  const message = error ? errorMessage(error) : null;
  return { onSubmit, signingIn, signInError, field, message, fieldError: (name: string) => (field === name ? message : null) };
}

export type NewAccount = ReturnType<typeof useNewAccount>;
