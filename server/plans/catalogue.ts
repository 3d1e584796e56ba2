// Moved to lib/access (client-safe, no database): importers are updated as they are touched.
export * from "@/lib/access/plans";
