/** A command the store refused (wrong type, not an integer, …); the message starts with the Redis error code. */
export class KvError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KvError";
  }
}

// Redis's own wording, so callers and tests see the same text on every backend.
export const WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
export const NOT_AN_INTEGER = "ERR value is not an integer or out of range";
export const OVERFLOW = "ERR increment or decrement would overflow";
