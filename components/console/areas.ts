/** The console's areas, in navigation order. `ready: false` areas show a plain "not built yet" page. */
export const CONSOLE_AREAS = [
  { path: "inbox", label: "Inbox", ready: true, about: "Answer every conversation with your bot's customers, many at once." },
  { path: "projects", label: "Projects", ready: true, about: "Connect Telegram bots and set their welcome and queue messages." },
  { path: "agents", label: "Agents", ready: true, about: "Invite your team, set roles, capacity and permissions." },
  {
    path: "routing",
    label: "Routing",
    ready: true,
    about: "Decide who gets each new conversation: round robin, online first, skills.",
  },
  {
    path: "links",
    label: "Links",
    ready: true,
    about: "Diversion links that record UTM parameters and attribute customers to channels.",
  },
  {
    path: "risk",
    label: "Risk control",
    ready: true,
    about: "Keyword and pattern groups checked against every message agents send.",
  },
  { path: "monitoring", label: "Monitoring", ready: true, about: "Live agent status, queues and workload." },
  { path: "audit", label: "Audit", ready: true, about: "Session logs, transfers and risk triggers, searchable and exportable." },
  { path: "settings", label: "Settings", ready: true, about: "Plan, quotas and workspace settings." },
] as const;

export type ConsoleArea = (typeof CONSOLE_AREAS)[number];

export function findArea(path: string): ConsoleArea | undefined {
  return CONSOLE_AREAS.find((a) => a.path === path);
}
