"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorMessage } from "@/components/providers/errors";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** "Join <workspace>" for someone already signed in; lands where their role works. */
export function JoinInvitationButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.team.acceptInvitation.mutationOptions({
      onSuccess: ({ landing }) => {
        router.replace(landing);
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-3">
      {accept.error && <Alert>{errorMessage(accept.error)}</Alert>}
      <Button className="w-full" pending={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
        Join {workspaceName}
      </Button>
    </div>
  );
}
