import { describe, expect, it } from "vitest";
import { planState } from "./plan-state";

const DAY = 86_400_000;
const now = new Date("2026-11-21T12:00:00Z");

describe("planState", () => {
  it("a fresh trial has 3 days left and the Trial quotas", () => {
    const state = planState({ plan: "trial", trialEndsAt: new Date(now.getTime() + 3 * DAY) }, null, now);
    expect(state).toMatchObject({
      label: "Trial",
      status: "trialing",
      daysLeft: 3,
      readOnly: false,
      quotas: { seats: 3, projects: 1 },
    });
    expect(state.features).toContain("riskControl");
  });

  it("rounds part of a day up and expires exactly at the end", () => {
    const trial = (ms: number) => planState({ plan: "trial", trialEndsAt: new Date(now.getTime() + ms) }, null, now);
    expect(trial(DAY + 1).daysLeft).toBe(2);
    expect(trial(1000).daysLeft).toBe(1);
    expect(trial(0)).toMatchObject({ status: "expired", daysLeft: 0, readOnly: true });
  });

  it("a paid plan is active only during its period, with the seats bought", () => {
    const ws = { plan: "standard" as const, trialEndsAt: new Date(now.getTime() - 30 * DAY) };
    const active = planState(ws, { plan: "standard", seats: 5, periodEnd: new Date(now.getTime() + 10 * DAY) }, now);
    expect(active).toMatchObject({ status: "active", quotas: { seats: 5, projects: 3 }, readOnly: false });
    expect(active.features).not.toContain("riskControl");
    expect(planState(ws, null, now)).toMatchObject({ status: "expired", readOnly: true, endsAt: null });
  });

  it("Pro allows 20 seats and 10 projects", () => {
    const pro = planState(
      { plan: "pro", trialEndsAt: now },
      { plan: "pro", seats: 20, periodEnd: new Date(now.getTime() + DAY) },
      now,
    );
    expect(pro.quotas).toEqual({ seats: 20, projects: 10, links: 1000 });
  });
});
