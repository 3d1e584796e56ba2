import { TRPCClientError } from "@trpc/client";

/** A message a person can act on, from any error a mutation or query throws. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (error.data?.httpStatus >= 500 || !error.message) return "Something went wrong on our side. Try again in a moment.";
    return error.message;
  }
  if (error instanceof TypeError) return "Could not reach Deskgram. Check your connection and try again.";
  return "Something went wrong. Try again.";
}

/** The field a server-side error belongs to, when it names one. */
export function errorField(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { field?: string | null; fieldErrors?: Record<string, string[]> | null } | undefined;
    if (data?.field) return data.field;
    const first = data?.fieldErrors && Object.keys(data.fieldErrors)[0];
    return first ?? null;
  }
  return null;
}
