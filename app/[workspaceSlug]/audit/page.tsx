import { redirect } from "next/navigation";

export default async function AuditPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  redirect(`/${workspaceSlug}/audit/sessions`);
}
