/** "1 minute", "3 minutes": for reasons a supervisor reads in the session log. */
export function minutesPhrase(minutes: number): string {
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
