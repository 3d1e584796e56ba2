import { LinkAnalyticsRoute } from "../link-analytics-route";

export const metadata = { title: "Link analytics" };

export default async function LinkAnalyticsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  return (
    <LinkAnalyticsRoute
      workspaceSlug={workspaceSlug}
      linkId={null}
      title="Link analytics"
      about="Which links and channels bring customers to your bots: clicks, unique visitors, Starts and conversations."
    />
  );
}
