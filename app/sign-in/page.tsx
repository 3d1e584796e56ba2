import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/http/safe-return-path";
import { currentUserId } from "@/server/auth/session";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (await currentUserId()) redirect("/");
  // Checked on the server too, so the page never hands the form another site's address.
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl, env().APP_URL);
  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to your help desk."
      footer={
        <>
          New to Deskgram?{" "}
          <Link href="/sign-up" className="font-medium text-brand-700 hover:underline">
            Create a workspace
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
