/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** Where an open session stands: with whom, or its place in the queue. */
export function waitingLabel(position: number | null): string {
  return position ? `Waiting · ${ordinal(position)} in queue` : "Waiting in the queue";
}
