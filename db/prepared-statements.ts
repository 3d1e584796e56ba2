import type postgres from "postgres";

type Unsafe = postgres.Sql["unsafe"];
type Callback = (sql: postgres.Sql) => unknown;

/**
 * drizzle runs every query through postgres.js's `unsafe`, which does not prepare statements; for a
 * query with parameters postgres.js then asks the server to describe it first, so every query costs
 * two round trips and a fresh parse and plan. This wrapper (also inside transactions and savepoints)
 * lets postgres.js prepare each distinct query once per connection: one round trip from then on.
 * Measured on the webhook path; see `npm run bench:webhook`.
 */
export function withPreparedStatements(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        const unsafe: Unsafe = (query, args, options) =>
          // drizzle passes prepare: false explicitly, so it is overridden, not defaulted.
          target.unsafe(query, args, { ...(options as object | undefined), prepare: true });
        return unsafe;
      }
      if (property === "begin" || property === "savepoint") {
        return (...args: unknown[]) => {
          const callback = args.pop() as Callback;
          const scoped = (inner: postgres.Sql) => callback(withPreparedStatements(inner));
          const method = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return method(...args, scoped);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
