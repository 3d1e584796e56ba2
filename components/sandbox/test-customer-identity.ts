"use client";

/** Who the Test customer is in this browser: a stable Telegram user id, so their chat keeps its history. */
export type TestCustomerIdentity = { id: number; name: string };

const STORAGE_KEY = "deskgram.testCustomer";
export const DEFAULT_NAME = "Test customer";

/** A random Telegram-like user id (1e9 … 2^31 − 1), far from ids tests and demos pick by hand. */
export function randomCustomerId(): number {
  const [random] = crypto.getRandomValues(new Uint32Array(1));
  return 1_000_000_000 + (random! % (2 ** 31 - 1_000_000_000));
}

export function loadIdentity(): TestCustomerIdentity {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<TestCustomerIdentity> | null;
    if (saved && Number.isInteger(saved.id) && saved.id! >= 1 && saved.id! <= 2 ** 31 && typeof saved.name === "string") {
      return { id: saved.id!, name: saved.name };
    }
  } catch {
    // Storage disabled or a damaged entry: start a new identity.
  }
  const fresh = { id: randomCustomerId(), name: DEFAULT_NAME };
  saveIdentity(fresh);
  return fresh;
}

export function saveIdentity(identity: TestCustomerIdentity): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  } catch {
    // Not kept across reloads then; the panel still works.
  }
}
