"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Signs out and stays on the invitation, which then offers to sign in or create the right account. */
export function SwitchAccountButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-full"
      pending={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ redirect: false });
        router.refresh();
        setPending(false);
      }}
    >
      Sign out and use another account
    </Button>
  );
}
