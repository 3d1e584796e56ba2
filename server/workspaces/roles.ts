// The role list lives in a plain module (db/schema imports it), so client code never loads the schema.
export { ROLE_LABELS, ROLES, type Role } from "@/lib/access/roles";
