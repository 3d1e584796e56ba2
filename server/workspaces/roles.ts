import { roleEnum } from "@/db/schema";

export type Role = (typeof roleEnum.enumValues)[number];
export const ROLES = roleEnum.enumValues;

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  supervisor: "Supervisor",
  agent: "Agent",
  marketer: "Marketer",
};
