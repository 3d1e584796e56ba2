type TelegramPerson = { firstName: string; lastName: string | null; username: string | null };

/** How the console names a customer: "First Last", and "@username" when they have one. */
export function customerName(person: TelegramPerson): { name: string; username: string | null } {
  const name = [person.firstName, person.lastName].filter(Boolean).join(" ").trim();
  return { name: name || "Unnamed customer", username: person.username ? `@${person.username}` : null };
}
