type TelegramPerson = { firstName: string; lastName: string | null; username: string | null };

/** How the console names a customer: "First Last", and "@username" when they have one. */
export function customerName(person: TelegramPerson): { name: string; username: string | null } {
  const name = [person.firstName, person.lastName].filter(Boolean).join(" ").trim();
  return { name: name || "Unnamed customer", username: person.username ? `@${person.username}` : null };
}

/** A row read with the customer's name columns, with `customer` (their name, as the console shows it) in their place. */
export function withCustomerName<Row extends TelegramPerson>({ firstName, lastName, username, ...row }: Row) {
  return { ...row, customer: customerName({ firstName, lastName, username }).name };
}
