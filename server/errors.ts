/** Errors the domain throws; server/api/trpc.ts maps each kind to one tRPC code in one place. */
export type DomainErrorKind =
  "not_found" | "forbidden" | "conflict" | "invalid" | "quota_exceeded" | "plan_expired" | "rate_limited" | "unauthenticated";

export class DomainError extends Error {
  constructor(
    public readonly kind: DomainErrorKind,
    message: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} not found.`);
export const forbidden = (message = "You do not have access to this.") => new DomainError("forbidden", message);
