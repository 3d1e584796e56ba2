"use client";
import { useMutation } from "@tanstack/react-query";
import { AccountFields } from "@/components/auth/account-fields";
import { accountInput, useNewAccount } from "@/components/auth/use-new-account";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";

type Props = {
  token: string;
  workspaceName: string;
  /** Set for an email invitation: the account must use this address. */
  email: string | null;
};

/** Creates the invitee's account (same rules as sign-up, no workspace of their own), joins, signs in. */
export function JoinWithAccountForm({ token, workspaceName, email }: Props) {
  const trpc = useTRPC();
  const join = useMutation(trpc.team.joinWithNewAccount.mutationOptions());
  const account = useNewAccount({
    create: async (form) => {
      const fields = accountInput(form);
      const input = { token, ...fields, email: email ?? fields.email };
      const joined = await join.mutateAsync(input).catch(() => null);
      return joined && { ...input, landing: joined.landing };
    },
    error: join.error,
    signInFailed: () => `Your account was created and you joined ${workspaceName}, but signing in failed. Sign in to continue.`,
  });

  return (
    <form onSubmit={account.onSubmit} className="space-y-4" noValidate>
      <AccountFields
        account={account}
        email={{
          label: "Email",
          readOnly: email !== null,
          defaultValue: email ?? undefined,
          hint: email ? "The invitation is for this address." : undefined,
        }}
      />
      <Button type="submit" className="w-full" pending={join.isPending || account.signingIn}>
        {account.signingIn ? `Opening ${workspaceName}…` : `Create account and join`}
      </Button>
    </form>
  );
}
