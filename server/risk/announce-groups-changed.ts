import { publishCommitted } from "@/server/events/bus";

/** Every instance drops its compiled matchers of the workspace (server/risk/project-matcher.ts). */
export function announceRiskGroupsChanged(workspaceId: string): Promise<void> {
  return publishCommitted([{ type: "risk.groups_changed", workspaceId }]);
}
