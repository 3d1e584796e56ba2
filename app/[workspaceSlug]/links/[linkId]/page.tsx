import { notFound } from "next/navigation";
import { z } from "zod";
import { LinkAnalyticsRoute } from "../link-analytics-route";

export const metadata = { title: "Link analytics" };

export default async function LinkPage({ params }: { params: Promise<{ workspaceSlug: string; linkId: string }> }) {
  const { workspaceSlug, linkId } = await params;
  if (!z.uuid().safeParse(linkId).success) notFound();
  return (
    <LinkAnalyticsRoute
      workspaceSlug={workspaceSlug}
      linkId={linkId}
      title="One link"
      about="Clicks, unique visitors, Starts and conversations this link brought, by channel, device and referrer."
    />
  );
}
