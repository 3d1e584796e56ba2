/** "1,234" */
export function count(n: number): string {
  return n.toLocaleString();
}

/** "12.5 %", or "—" when there is nothing to divide by. */
export function rate(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

/** A series bucket ("2026-01-10T14:00", in the range's time zone) as an axis label. */
export function bucketLabel(bucket: string, unit: "hour" | "day"): string {
  const [day, time] = bucket.split("T");
  const [, month, date] = day!.split("-").map(Number);
  const monthName = new Date(Date.UTC(2000, month! - 1, 1)).toLocaleString(undefined, { month: "short", timeZone: "UTC" });
  return unit === "hour" ? `${date} ${monthName} ${time}` : `${date} ${monthName}`;
}
