import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUserId } from "@/server/auth/session";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await currentUserId()) redirect("/");
  const { callbackUrl } = await searchParams;
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
