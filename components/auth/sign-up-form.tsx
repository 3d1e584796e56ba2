"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { AccountFields } from "./account-fields";
import { accountInput, useNewAccount } from "./use-new-account";

export function SignUpForm() {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const account = useNewAccount({
    create: async (form) => {
      const input = { ...accountInput(form), workspaceName: String(form.get("workspaceName") ?? "") };
      const created = await signUp.mutateAsync(input).catch(() => null);
      return created && { ...input, landing: `/${created.workspaceSlug}` };
    },
    error: signUp.error,
    signInFailed: (reason) => `Your account was created, but signing in failed: ${reason}. Sign in to continue.`,
  });

  return (
    <form onSubmit={account.onSubmit} className="space-y-4" noValidate>
      <AccountFields account={account} email={{ label: "Work email" }} />
      <Field
        label="Workspace name"
        name="workspaceName"
        autoComplete="organization"
        required
        hint="Usually your company or team."
        error={account.fieldError("workspaceName")}
      />
      <Button type="submit" className="w-full" pending={signUp.isPending || account.signingIn}>
        {account.signingIn ? "Opening your workspace…" : "Create workspace"}
      </Button>
      <p className="text-center text-xs text-slate-500">Starts a free 3-day Trial with every feature. No card needed.</p>
    </form>
  );
}
