import type { Database } from "./client";

/** A drizzle transaction of our database. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
