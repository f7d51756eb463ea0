// The compiled read's statements run on the driver under the Prisma client (src/db.ts), not through Prisma's
// raw query. They must keep everything a statement through Prisma has: the request's time limit and statement
// limiter, the query listeners and the request log's count, PostgreSQL's statement_timeout and the errors the
// API reads (src/http/errors.ts), and on SQLite they must see what the client wrote.
import { createKey } from "../../src/domain/keys";
import { createContext, type DatabaseCall } from "../../src/context";
import { directReaderOf, openDatabase, Prisma, type QueryEvent } from "../../src/db";
import { dialectFor } from "../../src/domain/query/dialect";
import { type ListPlan, readList } from "../../src/domain/query/read";
import { startServer } from "../../src/http/server";
import { formatError, isDatabaseUnreachable } from "../../src/http/errors";
import { createLogger } from "../../src/logger";
import { createTestDatabase, TARGET, type TestDatabase } from "../helpers/databases";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: false });
});
afterAll(async () => {
  await database.destroy();
});

/** The regions, by name, with their count: a compiled read of one list. */
const REGIONS: ListPlan = {
  model: "Region",
  order: [{ path: ["name"], direction: "asc" }],
  count: true,
  measures: [],
  page: { limit: 10, backward: false, row: { model: "Region", columns: ["name"], children: [] } },
};

test(`(${TARGET}) a database opened on a file or server has a driver of its own; a client derived from it has none`, () => {
  expect(directReaderOf(database.db)).toBeDefined();
  expect(directReaderOf(database.db.$extends({}) as unknown as TestDatabase["db"])).toBeUndefined();
});

if (TARGET === "sqlite") {
  test("an in-memory SQLite database has no second connection (it would be another, empty database)", async () => {
    const memory = openDatabase({ kind: "sqlite", url: "file::memory:", file: ":memory:" });
    try {
      expect(directReaderOf(memory.db)).toBeUndefined();
      // It still reads, through Prisma: a raw query that gives back one JSON value.
      const ctx = createContext(memory.db, "sqlite", null);
      expect(await ctx.readJson(Prisma.sql`SELECT json_object('two', 1 + 1) AS "data"`)).toEqual({ two: 2 });
    } finally {
      await memory.close();
    }
  });
}

test(`(${TARGET}) a compiled read sees what the client wrote just before, and is told to the query listeners once`, async () => {
  const ctx = createContext(database.db, database.kind, null);
  const dialect = dialectFor(database.kind);
  const empty = await readList(ctx.readJson, dialect, REGIONS);
  expect(empty.count).toBe(0);
  await database.db.region.create({ data: { code: "E12000009", name: "South West" } });
  await database.db.region.create({ data: { code: "E12000001", name: "North East" } });
  const events: QueryEvent[] = [];
  const stop = database.onQuery((e) => events.push(e));
  const after = await readList(ctx.readJson, dialect, REGIONS);
  stop();
  expect(after.count).toBe(2);
  expect(after.rows.map((r) => r.columns.name)).toEqual(["North East", "South West"]);
  expect(events).toHaveLength(1);
  expect(events[0]!.server).toBe("primary");
  expect(events[0]!.sql).toMatch(/^SELECT .*"Region"/s);
});

test(`(${TARGET}) under a request's time limit, a direct read is counted as one call, and refused once the limit has passed`, async () => {
  const calls: DatabaseCall[] = [];
  const ctx = createContext(database.db, database.kind, null, { timeLimitMs: 60_000, onDatabaseCall: (c) => calls.push(c) });
  await readList(ctx.readJson, dialectFor(database.kind), REGIONS);
  expect(calls.map((c) => c.operation)).toEqual(["readJson"]);

  const late = createContext(database.db, database.kind, null, { timeLimitMs: 0, onDatabaseCall: (c) => calls.push(c) });
  const refused = await readList(late.readJson, dialectFor(database.kind), REGIONS).catch((e: unknown) => e);
  expect(refused).toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE", limit: { name: "requestTime", max: 0 } } });
  expect(calls).toHaveLength(1);
});

test(`(${TARGET}) the request log counts the compiled list with its nested boards as one database call`, async () => {
  const written: string[] = [];
  const requestLine = () => written.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === "request");
  const server = await startServer({ database, port: 0, host: "127.0.0.1", logger: createLogger("info", (l) => written.push(l)) });
  try {
    const { key } = await createKey(database.db, { role: "ANALYST", label: "direct reads", actor: "test" });
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: "{ regions(first: 5) { totalCount edges { node { name boards(first: 5) { totalCount } } } } }" }),
    });
    const body = (await response.json()) as { data: { regions: { totalCount: number; edges: { node: { name: string } }[] } } };
    expect(body.data.regions.totalCount).toBe(2);
    expect(body.data.regions.edges.map((e) => e.node.name)).toEqual(["North East", "South West"]);
    // The line is written when the response closes.
    for (let i = 0; i < 50 && !requestLine(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(requestLine()).toMatchObject({ status: 200, db: { calls: 1 } });
  } finally {
    await server.stop();
  }
});

if (TARGET === "postgresql") {
  test("a request's direct reads run at most two at a time (its share of the pool)", async () => {
    const ctx = createContext(database.db, database.kind, null, { timeLimitMs: 60_000 });
    const started = (seconds: number) =>
      ctx.readJson(Prisma.sql`SELECT CAST(extract(epoch FROM statement_timestamp()) AS text) AS "data" FROM pg_sleep(${seconds})`) as Promise<number>;
    const [a, b, c] = await Promise.all([started(0.3), started(0.3), started(0.3)]);
    // The first two start together; the third waits until one of them has ended, 0.3 s later.
    expect(Math.abs(a - b)).toBeLessThan(0.25);
    expect(c - Math.min(a, b)).toBeGreaterThanOrEqual(0.29);
  });

  test("statement_timeout cuts a direct read off, and the client is told SERVICE_UNAVAILABLE with the limit", async () => {
    const short = openDatabase(database.config, { statementTimeoutMs: 100 });
    try {
      const ctx = createContext(short.db, short.kind, null);
      const error = await ctx.readJson(Prisma.sql`SELECT pg_sleep(2) AS "data"`).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "57014" });
      expect(formatError({ message: "x" }, error, short.statementTimeoutMs).extensions).toEqual({
        code: "SERVICE_UNAVAILABLE",
        limit: { name: "statementTimeout", max: 100 },
      });
    } finally {
      await short.close();
    }
  });

  test("a server that cannot be reached is read as the database being unavailable", async () => {
    const url = new URL(database.config.kind === "postgresql" ? database.config.url : "");
    url.port = "1";
    const gone = openDatabase({ kind: "postgresql", url: url.toString() });
    try {
      const error = await createContext(gone.db, gone.kind, null)
        .readJson(Prisma.sql`SELECT 1 AS "data"`)
        .catch((e: unknown) => e);
      expect(isDatabaseUnreachable(error)).toBe(true);
      expect(formatError({ message: "x" }, error, gone.statementTimeoutMs)).toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
    } finally {
      await gone.close();
    }
  });
}
