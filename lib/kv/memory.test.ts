import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryKv } from "./memory";
import { uniquePrefix } from "./test-fixtures";

type Registry = { stores: Map<string, Map<string, unknown>>; sweeper: unknown };

describe("memory backend housekeeping", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sweeps expired keys nobody reads again", async () => {
    vi.useFakeTimers(); // before the first store exists, so the sweep interval is a fake one
    const prefix = uniquePrefix("sweep");
    const kv = createMemoryKv(prefix);
    await kv.set("short", "v", { ttlMs: 1_000 });
    await kv.set("kept", "v");
    const registry = (globalThis as unknown as Record<symbol, Registry>)[Symbol.for("deskgram.kv.memory.registry")];
    const store = registry?.stores.get(prefix);
    expect(store?.size).toBe(2);
    vi.advanceTimersByTime(10_001);
    expect(store?.size).toBe(1);
    expect(await kv.get("kept")).toBe("v");
  });
});
