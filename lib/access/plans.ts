/** The plans Deskgram sells and what each allows (PRODUCT.md "Plans and quotas"). */
export const PLANS = {
  trial: {
    label: "Trial",
    seats: 3,
    projects: 1,
    links: 50,
    trialDays: 3,
    features: ["routing", "diversionLinks", "transfer", "tags", "privateNotes", "riskControl", "userPortraits"],
  },
  standard: {
    label: "Standard",
    seats: 3, // 3 or 5, as bought; the subscription row holds the number
    projects: 3,
    links: 100,
    trialDays: 0,
    features: ["routing", "diversionLinks", "transfer", "tags"],
  },
  pro: {
    label: "Pro",
    seats: 20,
    projects: 10,
    links: 1000,
    trialDays: 0,
    features: ["routing", "diversionLinks", "transfer", "tags", "privateNotes", "riskControl", "userPortraits"],
  },
} as const;

export type PlanId = keyof typeof PLANS;
export type Feature = (typeof PLANS)[PlanId]["features"][number];

export const FEATURE_LABELS: Record<Feature, string> = {
  routing: "Routing rules",
  diversionLinks: "Diversion links",
  transfer: "Session transfer",
  tags: "Tags",
  privateNotes: "Private notes",
  riskControl: "Content risk control",
  userPortraits: "User portraits",
};

/**
 * Features that exist and whose plan flag the server enforces: the console lists only these as
 * included. Tags, private notes and user portraits join when they are built.
 */
export const AVAILABLE_FEATURES: readonly Feature[] = ["routing", "diversionLinks", "transfer", "riskControl"];

export const TRIAL_DAYS = PLANS.trial.trialDays;
