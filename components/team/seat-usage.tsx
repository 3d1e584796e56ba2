type Seats = { used: number; pending: number; quota: number; planLabel: string };

/** "2 of 3 seats used": members who work sessions against the plan's quota; marketers take none. */
export function SeatUsage({ seats }: { seats: Seats }) {
  const held = seats.used + seats.pending;
  const full = held >= seats.quota;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white px-5 py-3 shadow-sm">
      <p className="text-sm font-medium text-slate-900">
        Seats: <span data-testid="seat-usage">{`${seats.used} of ${seats.quota} used`}</span>
      </p>
      {seats.pending > 0 && (
        <p className="text-sm text-slate-600">
          {seats.pending === 1
            ? "1 more is held by a pending invitation"
            : `${seats.pending} more are held by pending invitations`}
        </p>
      )}
      <p className={`text-sm ${full ? "text-amber-700" : "text-slate-500"}`}>
        {full
          ? `All seats of your ${seats.planLabel} plan are taken. Remove a member, revoke an invitation or upgrade in Settings → Plan.`
          : `Your ${seats.planLabel} plan includes ${seats.quota}. Marketers take no seat.`}
      </p>
    </div>
  );
}
