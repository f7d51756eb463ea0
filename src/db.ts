// The Prisma client for the configured database: SQLite (embedded default) or PostgreSQL.
//
// The models are shared, so both generated clients have the same API; their TypeScript types are not
// assignable to each other, so the rest of the code sees one type, `Db` (the SQLite client's), and the
// PostgreSQL client is presented under it. Tests run the same suite on both databases to keep that honest.
//
// Each database's driver, adapter and (for PostgreSQL) client are required where that database is opened, not
// imported at the top: a server on one database never loads the other's, which would cost start-up time for
// nothing (docs/architecture.md, "Start-up").
import { createHash } from "node:crypto";
import fs from "node:fs";
import type BetterSqlite from "better-sqlite3";
import type pg from "pg";
import { PrismaClient } from "./generated/sqlite/client";
import type { Config, DatabaseKind } from "./config";

export type Db = PrismaClient;
export { Prisma } from "./generated/sqlite/client";
import type { Prisma } from "./generated/sqlite/client";

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

/**
 * The driver under a client, for the compiled read's statements (src/domain/query/read.ts): they return one
 * row of one column, the answer as JSON, so Prisma's raw-query machinery (argument typing, row decoding,
 * its query engine's bookkeeping) is pure overhead for them. The statement is told to the database's query
 * listeners as Prisma's own are; its errors are the driver's (pg's codes and messages, which
 * src/http/errors.ts reads as Prisma's, since Prisma keeps them as the cause).
 */
export interface DirectReader {
  /** Runs `sql` (a single read-only statement) and returns the first column of its first row, JSON parsed; null without a row. */
  readJson(sql: Prisma.Sql): Promise<unknown>;
}

/** The direct reader of each client openDatabase made (a client derived with $extends has none: it reads through Prisma). */
const directReaders = new WeakMap<object, DirectReader>();

/** The driver under `db`, when openDatabase made `db` and could have one (not for SQLite's `:memory:`). */
export function directReaderOf(db: Db): DirectReader | undefined {
  return directReaders.get(db);
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
  const closers: (() => Promise<void>)[] = [];
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
    const { PrismaBetterSQLite3 } = require("@prisma/adapter-better-sqlite3") as typeof import("@prisma/adapter-better-sqlite3");
    const adapter = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
    const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
    client.$on("query", notify);
    db = client;
    // `:memory:` is a database of the connection's own: a second connection would see another, empty one.
    if (file !== ":memory:") {
      const reader = sqliteReader(file, notify);
      directReaders.set(db, reader);
      closers.push(reader.close);
    }
  } else {
    const primary = openPostgres(database.url, options.statementTimeoutMs, (e) => notify(e, "primary"));
    db = primary.client;
    closers.push(primary.close);
    replicas = (database.replicaUrls ?? []).map((url, i) => {
      const replica = openPostgres(url, options.statementTimeoutMs, (e) => notify(e, `replica ${i + 1}`));
      closers.push(replica.close);
      return replica.client;
    });
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
      await Promise.all(closers.map((close) => close()));
    },
  };
}

/** A PostgreSQL client with the API's pool and session settings, and its direct reader on the same pool. */
function openPostgres(
  url: string,
  statementTimeoutMs: number | undefined,
  notify: (event: { query: string; duration: number }) => void,
): { client: Db; close: () => Promise<void> } {
  const pg = require("pg") as typeof import("pg");
  const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
  const { PrismaClient: PgPrismaClient } = require("./generated/postgresql/client") as typeof import("./generated/postgresql/client");
  // The pool is made here, not by the adapter, so the compiled reads share its connections and their settings
  // (statement_timeout, no JIT, the size that keeps connections for other keys).
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    max: POOL_SIZE,
    statement_timeout: statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
    // No JIT: LLVM compiles a statement's plan without ever checking for cancellation, so a filter with
    // hundreds of subqueries held its connection for half a minute past statement_timeout. The API's
    // statements are small and bounded (src/limits.ts); JIT would not speed them up anyway.
    options: "-c jit=off",
  });
  // An idle connection the server drops (a restart) is reported on the pool; unheard, it would end the
  // process. The next statement gets a fresh connection, or fails and is answered 503 (src/http/errors.ts).
  pool.on("error", () => {});
  const adapter = new PrismaPg(pool);
  const client = new PgPrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", notify);
  directReaders.set(client, {
    async readJson(sql) {
      const started = performance.now();
      try {
        // The driver's errors as Errors of this realm (see asError): pg passes on Node's own socket errors.
        const result = await preparedQuery(pool, sql).catch((error: unknown) => Promise.reject(asError(error)));
        const value = result.rows[0]?.[0] ?? null;
        return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
      } finally {
        notify({ query: sql.text, duration: performance.now() - started });
      }
    },
  });
  return { client: client as unknown as Db, close: () => pool.end() };
}

/**
 * Named statements one pooled PostgreSQL connection holds at most. A compiled read is sent as a named statement,
 * so each connection parses it once and afterwards only binds and runs it (and PostgreSQL may keep its plan).
 * The server keeps a connection's named statements until it closes, and the texts a long-running API meets are
 * open-ended (each new shape of selection is a new text), so a connection that has prepared this many is
 * closed once its statement has run, and the pool opens a fresh one when it needs one.
 */
const PREPARED_PER_CONNECTION = 100;

/** The names each pooled connection has prepared (a new connection, after a restart or a drop, has none). */
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

/** Each statement's name, kept with the statement (the compiled-read cache hands the same object back). */
const statementNames = new WeakMap<Prisma.Sql, string>();

/**
 * A statement's name: a digest of its text, so one name never stands for two texts (node-postgres refuses that
 * on a connection) and the same text has the same name on every connection, primary and replicas alike.
 */
function statementName(sql: Prisma.Sql): string {
  let name = statementNames.get(sql);
  if (name === undefined) statementNames.set(sql, (name = `scr_${createHash("sha256").update(sql.text).digest("hex").slice(0, 40)}`));
  return name;
}

/** Runs `sql` on a pooled connection as a named statement (see PREPARED_PER_CONNECTION), first column of each row. */
async function preparedQuery(pool: pg.Pool, sql: Prisma.Sql): Promise<pg.QueryResult<unknown[]>> {
  const connection = await pool.connect();
  let close = false;
  try {
    const name = statementName(sql);
    let names = preparedOn.get(connection);
    if (!names) preparedOn.set(connection, (names = new Set()));
    if (!names.has(name)) {
      close = names.size >= PREPARED_PER_CONNECTION;
      names.add(name);
    }
    return await connection.query<unknown[]>({ name, text: sql.text, values: sql.values.map(postgresValue), rowMode: "array" });
  } catch (error) {
    // As pool.query does: a connection whose statement failed is not reused (it may be broken).
    close = true;
    throw error;
  } finally {
    connection.release(close);
  }
}

/** Prepared statements kept per SQLite connection, by text: a compiled read's text repeats for its document. */
const SQLITE_PREPARED = 200;

/**
 * A second connection to the SQLite file for the compiled reads, opened at the first of them (the file must
 * exist by then; it is never created here) and allowed only to read. migrate() puts the file in WAL mode, so
 * this connection's reads never wait for the client's writes, and see each one once it commits.
 */
function sqliteReader(file: string, notify: (event: { query: string; duration: number }) => void): DirectReader & { close(): Promise<void> } {
  let connection: BetterSqlite.Database | undefined;
  const prepared = new Map<string, BetterSqlite.Statement>();
  const statement = (text: string): BetterSqlite.Statement => {
    let found = prepared.get(text);
    if (found) {
      // Most recently used last, so the first key is the one to drop.
      prepared.delete(text);
      prepared.set(text, found);
      return found;
    }
    if (!connection) {
      const Sqlite = require("better-sqlite3") as typeof import("better-sqlite3");
      connection = new Sqlite(file, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
      connection.pragma("query_only = ON");
    }
    found = connection.prepare(text).pluck();
    prepared.set(text, found);
    if (prepared.size > SQLITE_PREPARED) prepared.delete(prepared.keys().next().value!);
    return found;
  };
  return {
    readJson(sql) {
      const started = performance.now();
      try {
        const value: unknown = statement(sql.sql).get(...sql.values.map(sqliteValue));
        return Promise.resolve(typeof value === "string" ? (JSON.parse(value) as unknown) : (value ?? null));
      } catch (error) {
        return Promise.reject(asError(error));
      } finally {
        notify({ query: sql.sql, duration: performance.now() - started });
      }
    },
    close() {
      prepared.clear();
      connection?.close();
      connection = undefined;
      return Promise.resolve();
    },
  };
}

/** A statement's value as the PostgreSQL adapter binds it: a date as UTC text without a zone, as its columns hold it. */
function postgresValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace("T", " ").replace("Z", "") : value;
}

/** A statement's value as the SQLite adapter binds it: booleans as 0/1, dates as ISO text. */
function sqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/**
 * The driver's error as an Error of this realm. better-sqlite3 builds its errors with the classes of the first
 * context that loaded the native module, so where modules are loaded again in another context (Jest's test
 * files in one worker) they fail `instanceof Error`, and graphql-js would log "Unexpected error value" instead of
 * the database's own words. The same holds for Node's own socket errors that pg passes on (ECONNREFUSED while
 * PostgreSQL is down), which the API must still see as "database unreachable" (src/http/errors.ts). Same
 * message, code and stack either way.
 */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  const { message, code, stack } = (error ?? {}) as { message?: unknown; code?: unknown; stack?: unknown };
  const copy = Object.assign(new Error(typeof message === "string" ? message : String(error), { cause: error }), code === undefined ? {} : { code });
  if (typeof stack === "string") copy.stack = stack;
  return copy;
}
