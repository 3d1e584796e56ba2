import Link from "next/link";
import type { InputHTMLAttributes } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import type { NewAccount } from "./use-new-account";

type Props = {
  account: NewAccount;
  /** The email field's label, and what else it needs (a fixed address, a hint). */
  email: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string };
};

/** A new account's errors, then its name, email and password fields. */
export function AccountFields({ account, email }: Props) {
  return (
    <>
      {account.message && !account.field && <Alert>{account.message}</Alert>}
      {account.signInError && (
        <Alert>
          {account.signInError}{" "}
          <Link href="/sign-in" className="underline">
            Sign in
          </Link>
        </Alert>
      )}
      <Field label="Your name" name="name" autoComplete="name" required error={account.fieldError("name")} />
      <Field name="email" type="email" autoComplete="email" required {...email} error={account.fieldError("email")} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters, letters mixed with numbers or symbols."
        error={account.fieldError("password")}
      />
    </>
  );
}
