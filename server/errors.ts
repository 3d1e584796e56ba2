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
