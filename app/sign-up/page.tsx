import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUserId } from "@/server/auth/session";

export const metadata = { title: "Create your workspace" };

export default async function SignUpPage() {
  if (await currentUserId()) redirect("/");
  return (
    <AuthCard
      title="Create your workspace"
      subtitle="Your team's help desk for Telegram, ready in a minute."
      footer={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
