// The resolvers' per-request context: the database, who is asking, and the request's DataLoaders and caches.
// What the HTTP layer learns of a request on its way through (its document, cost, outcome) is not here: it is
// the request's RequestState (src/http/request-state.ts), which the server's context carries beside these.
import { randomUUID } from "node:crypto";
import { type Db, directReaderOf, type Prisma, STATEMENTS_PER_REQUEST } from "./db";
import { limiter } from "./limiter";
import type { DatabaseKind } from "./config";
import type { Viewer } from "./domain/keys";
import type { StatsDisclosure } from "./domain/disclosure";
import type { ListBounds } from "./domain/list-bounds";
import { createLoaders, type Loaders } from "./loaders";
import { clientError } from "./errors";

/**
 * How root lists are read: "compiled" (one statement per list with what is nested below it, see
 * src/schema/common/compiled-read.ts), or "resolvers" (a statement or two per list and relation; the
 * benchmark's "before").
 */
export type ReadPath = "compiled" | "resolvers";

export interface Context {
  db: Db;
  /**
   * Runs one read-only statement returning one row of one column and gives that column's JSON: on the driver
   * under the client when there is one (src/db.ts), else through Prisma's raw query. Either way under the
   * request's time limit and statement limiter, as `db` is.
   */
  readJson(sql: Prisma.Sql): Promise<unknown>;
  databaseKind: DatabaseKind;
  readPath: ReadPath;
  /** Null only inside the server before authentication; every resolver runs with a viewer. */
  viewer: Viewer | null;
  /** Correlates a client's error with the server log and the audit log. */
  requestId: string;
  loaders: Loaders;
  /** Small-number suppression of each period's Stats table, computed once per request (roles whose figures are suppressed). */
  disclosure: Map<string, Promise<StatsDisclosure>>;
  /** The longest the lists over reference data are, for the cost model (empty: every list costs its page). */
  listBounds: ListBounds;
}

export interface ContextOptions {
  requestId?: string;
  /**
   * Milliseconds after which the request may start no more SQL statements; each one refused fails with
   * SERVICE_UNAVAILABLE naming the limit. Undefined: no limit (scripts, tests that call resolvers directly).
   */
  timeLimitMs?: number;
  /** The bounds of lists over reference data, as the server last read them (src/domain/list-bounds.ts). */
  listBounds?: ListBounds;
  /** How root lists are read (default "compiled"). */
  readPath?: ReadPath;
  /** Told of each database call the request's resolvers make, once it ends (the request's log line counts them). */
  onDatabaseCall?: (call: DatabaseCall) => void;
}

/** One call of the request's database client: a raw SQL statement, or a Prisma query (a statement or a few). */
export interface DatabaseCall {
  model: string | undefined;
  operation: string;
  durationMs: number;
}

/** The error of a statement refused because its request ran out of time. */
export function requestTimeLimitError(limitMs: number) {
  return clientError(
    "SERVICE_UNAVAILABLE",
    `The request ran past its time limit of ${limitMs} ms (limit: requestTime) and was stopped; ask for less at a time, or page.`,
    { limit: { name: "requestTime", max: limitMs } },
  );
}

/**
 * The database as a request sees it: with a time limit, every statement first checks the request's deadline
 * (on PostgreSQL each statement is also cut off by the server's statement_timeout; SQLite cannot interrupt a
 * statement once it runs, so there the deadline is what bounds a request), and at most STATEMENTS_PER_REQUEST
 * statements run at once, so a request holds at most that many pooled connections. Prisma's calls and the
 * direct reads share the one limiter.
 */
function withDeadline(db: Db, limitMs: number | undefined, onCall?: (call: DatabaseCall) => void): Pick<Context, "db" | "readJson"> {
  const direct = directReaderOf(db);
  if (limitMs === undefined) return { db, readJson: (sql) => (direct ? direct.readJson(sql) : readJsonThrough(db, sql)) };
  const deadline = Date.now() + limitMs;
  const inTurn = limiter(STATEMENTS_PER_REQUEST);
  const requestDb = db.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        return inTurn(async () => {
          if (Date.now() >= deadline) throw requestTimeLimitError(limitMs);
          if (!onCall) return query(args);
          const started = performance.now();
          try {
            return await query(args);
          } finally {
            onCall({ model, operation, durationMs: performance.now() - started });
          }
        });
      },
    },
  }) as unknown as Db;
  // Without a driver (SQLite's :memory:, a client derived from another), the raw query goes through
  // requestDb, whose extension above limits and counts it.
  if (!direct) return { db: requestDb, readJson: (sql) => readJsonThrough(requestDb, sql) };
  const readJson = (sql: Prisma.Sql) =>
    inTurn(async () => {
      if (Date.now() >= deadline) throw requestTimeLimitError(limitMs);
      const started = performance.now();
      try {
        return await direct.readJson(sql);
      } finally {
        // One call is one statement here (a Prisma call can be a few).
        onCall?.({ model: undefined, operation: "readJson", durationMs: performance.now() - started });
      }
    });
  return { db: requestDb, readJson };
}

/** readJson through Prisma's raw query, for a client without a driver of its own. */
async function readJsonThrough(db: Db, sql: Prisma.Sql): Promise<unknown> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(sql);
  const first = rows[0];
  const value = first === undefined ? null : Object.values(first)[0];
  return typeof value === "string" ? (JSON.parse(value) as unknown) : (value ?? null);
}

/**
 * A client chosen late: `choose` is called once, on the context's first use of `db`, `readJson` or `loaders`.
 * The server with read replicas passes one, since a request's client (a replica for a query, the primary for a
 * mutation) is known only once its operation is, after the context is made (src/http/read-routing.ts).
 */
export class LateClient {
  constructor(readonly choose: () => Db) {}
}

type ClientParts = Pick<Context, "db" | "readJson" | "loaders">;

export function createContext(client: Db | LateClient, databaseKind: DatabaseKind, viewer: Viewer | null, options: ContextOptions = {}): Context {
  const { requestId = randomUUID(), timeLimitMs, listBounds = {}, readPath = "compiled", onDatabaseCall } = options;
  const partsFor = (db: Db): ClientParts => {
    const { db: requestDb, readJson } = withDeadline(db, timeLimitMs, onDatabaseCall);
    return { db: requestDb, readJson, loaders: createLoaders(requestDb, databaseKind, db) };
  };
  const rest = { databaseKind, readPath, viewer, requestId, disclosure: new Map(), listBounds };
  if (!(client instanceof LateClient)) return { ...partsFor(client), ...rest };
  // Built once, for the client chosen: the deadline's wrapper and the loaders are per client. The getters are on
  // the context's prototype, so a shallow copy (Apollo copies the context it is given, keeping its prototype)
  // neither triggers the choice nor makes a second set.
  let parts: ClientParts | undefined;
  const chosen = () => (parts ??= partsFor(client.choose()));
  const late = Object.create(Object.prototype, {
    db: { get: () => chosen().db },
    readJson: { get: () => chosen().readJson },
    loaders: { get: () => chosen().loaders },
  }) as ClientParts;
  return Object.assign(Object.create(late) as ClientParts, rest);
}
