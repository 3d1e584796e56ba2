// Moved to lib/access (client-safe, no database).
export * from "@/lib/access/plan-state";
