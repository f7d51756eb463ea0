// The Prisma client for the configured database: SQLite (embedded default) or PostgreSQL.
//
// The models are shared, so both generated clients have the same API; their TypeScript types are not
// assignable to each other, so the rest of the code sees one type, `Db` (the SQLite client's), and the
// PostgreSQL client is presented under it. Tests run the same suite on both databases to keep that honest.
import fs from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PgPrismaClient } from "./generated/postgresql/client";
import type { Config, DatabaseKind } from "./config";

export type Db = PrismaClient;
export { Prisma } from "./generated/sqlite/client";

export interface QueryEvent {
  sql: string;
  durationMs: number;
  /** Which server ran it: the primary (DATABASE_URL) or a read replica (READ_REPLICA_URLS, numbered from 1). */
  server: "primary" | `replica ${number}`;
}

export interface Database {
  /** The primary: every write, and every read that must see writes. */
  db: Db;
  /** How many read replicas serve queries (0: the primary serves them). */
  replicas: number;
  /** The client a query (a read-only request) uses: the next replica in turn, or the primary when there is none. */
  reader(): Db;
  kind: DatabaseKind;
  /** PostgreSQL's statement_timeout on this client's connections; null on SQLite, which has none. */
  statementTimeoutMs: number | null;
  /** Calls `listener` for every SQL statement the client sends; returns a function that stops it. */
  onQuery(listener: (event: QueryEvent) => void): () => void;
  /**
   * Why the database cannot be used now, found without touching it, or null. SQLite: the file it opened is no
   * longer at its path (removed, or another file put there), so its connection would read and write an orphaned
   * file. PostgreSQL: always null; a database that is down shows when a statement fails.
   */
  unavailable(): string | null;
  close(): Promise<void>;
}

/** Identifies the file at a path (device and inode), or null when there is none. */
function fileIdentity(file: string): string | null {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** Milliseconds a SQLite writer waits for a lock before failing. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Milliseconds PostgreSQL lets one statement run before cancelling it (statement_timeout on every pooled
 * connection). SQLite cannot interrupt a statement; there the request's time limit (context.ts) bounds it.
 */
export const STATEMENT_TIMEOUT_MS = 5000;

/** Requests one API key may have running at once (LIMITS.concurrentRequests); more are refused with 429. */
export const CONCURRENT_REQUESTS_PER_KEY = 4;

/** SQL statements one request may have running at once; more wait for one of them to finish. */
export const STATEMENTS_PER_REQUEST = 2;

/**
 * PostgreSQL connections in the pool: one key's requests can hold at most 4 × 2 = 8 of them, so 4 always
 * remain for every other key (and for the key look-ups, which run before a request counts as running).
 */
export const POOL_SIZE = CONCURRENT_REQUESTS_PER_KEY * STATEMENTS_PER_REQUEST + 4;

export function openDatabase(database: Config["database"], options: { statementTimeoutMs?: number } = {}): Database {
  const listeners = new Set<(event: QueryEvent) => void>();
  const notify = (event: { query: string; duration: number }, server: QueryEvent["server"] = "primary") => {
    for (const listener of listeners) listener({ sql: event.query, durationMs: event.duration, server });
  };
  let db: Db;
  let replicas: Db[] = [];
  let next = 0;
  let unavailable = (): string | null => null;
  if (database.kind === "sqlite") {
    const file = database.file ?? ":memory:";
    if (file !== ":memory:") {
      // Opened after migrate() made the file; the connection opens lazily, so the identity is taken now.
      const opened = fileIdentity(file);
      unavailable = () => {
        const now = fileIdentity(file);
        if (now !== null && now === opened) return null;
        if (opened === null) return "the database file did not exist when the server opened it; restart the server";
        if (now === null) return "the database file was removed after the server opened it; restart the server";
        return "another file took the database file's place after the server opened it; restart the server";
      };
    }
    const adapter = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
    const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
    client.$on("query", notify);
    db = client;
  } else {
    db = openPostgres(database.url, options.statementTimeoutMs, (e) => notify(e, "primary"));
    replicas = (database.replicaUrls ?? []).map((url, i) => openPostgres(url, options.statementTimeoutMs, (e) => notify(e, `replica ${i + 1}`)));
  }
  return {
    db,
    replicas: replicas.length,
    reader() {
      // Without replicas, this object's own primary: a copy of it with another `db` (a test's wrapped client) reads there.
      if (replicas.length === 0) return this.db;
      next = (next + 1) % replicas.length;
      return replicas[next]!;
    },
    kind: database.kind,
    statementTimeoutMs: database.kind === "postgresql" ? (options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS) : null,
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unavailable,
    close: async () => {
      await Promise.all([db, ...replicas].map((client) => client.$disconnect()));
    },
  };
}

/** A PostgreSQL client with the API's pool and session settings. */
function openPostgres(url: string, statementTimeoutMs: number | undefined, notify: (event: { query: string; duration: number }) => void): Db {
  const adapter = new PrismaPg({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    max: POOL_SIZE,
    statement_timeout: statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
    // No JIT: LLVM compiles a statement's plan without ever checking for cancellation, so a filter with
    // hundreds of subqueries held its connection for half a minute past statement_timeout. The API's
    // statements are small and bounded (src/limits.ts); JIT would not speed them up anyway.
    options: "-c jit=off",
  });
  const client = new PgPrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", notify);
  return client as unknown as Db;
}
