import { notFound } from "next/navigation";
import { findArea } from "@/components/console/areas";
import { ComingSoon } from "@/components/console/coming-soon";

/** Areas that have no page of their own yet say so plainly; unknown paths are a 404. */
export default async function AreaPage({ params }: { params: Promise<{ area: string }> }) {
  const { area } = await params;
  const found = findArea(area);
  if (!found || found.ready) notFound();
  return <ComingSoon area={found} />;
}
