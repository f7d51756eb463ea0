// Time limits and error masking, with a table made slow (or taken away) under the real HTTP server: a
// statement past PostgreSQL's statement_timeout is cancelled; a request past its time limit starts no more
// statements; an unexpected error is masked, with a request id that finds the real error in the log.
import { openDatabase, type Database } from "../../src/db";
import { createLogger } from "../../src/logger";
import { type RunningServer, startServer } from "../../src/http/server";
import { TARGET } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

/** Replaces the Region table by a view of it that takes about 0.8 s to read, while `fn` runs. */
async function withSlowRegions<T>(fn: () => Promise<T>): Promise<T> {
  const db = t.database.db;
  await db.$executeRawUnsafe(`ALTER TABLE "Region" RENAME TO "RegionAway"`);
  await db.$executeRawUnsafe(
    TARGET === "postgresql"
      ? `CREATE VIEW "Region" AS SELECT r.* FROM "RegionAway" r CROSS JOIN LATERAL (SELECT pg_sleep(0.09 + 0 * r."id")) s`
      : `CREATE VIEW "Region" AS SELECT r.* FROM "RegionAway" r
           WHERE (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT count(*) FROM c) > 0`,
  );
  try {
    return await fn();
  } finally {
    await db.$executeRawUnsafe(`DROP VIEW "Region"`);
    await db.$executeRawUnsafe(`ALTER TABLE "RegionAway" RENAME TO "Region"`);
  }
}

interface Served {
  database: Database;
  server: RunningServer;
  /** The SQL the server's own client ran. */
  seen: string[];
  log: string[];
}

/** A server of its own on the test database (with its own client and limits) for `fn`, then stopped. */
async function serving<T>(options: { requestTimeLimitMs?: number; statementTimeoutMs?: number }, fn: (s: Served) => Promise<T>): Promise<T> {
  const database = openDatabase(t.database.config, { statementTimeoutMs: options.statementTimeoutMs });
  const log: string[] = [];
  const logger = createLogger("debug", (line) => log.push(line));
  const server = await startServer({ database, port: 0, host: "127.0.0.1", logger, requestTimeLimitMs: options.requestTimeLimitMs });
  const seen: string[] = [];
  const stop = database.onQuery((e) => seen.push(e.sql));
  try {
    return await fn({ database, server, seen, log });
  } finally {
    stop();
    await server.stop();
    await database.close();
  }
}

async function ask(server: RunningServer, query: string) {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] },
  };
}

const REGION_STATS = `{ regions { edges { node { code stats(period: { financialYear: "2007-08" }) { deaths { value } } } } } }`;

test("a request past its time limit starts no more statements, and says which limit stopped it", () =>
  serving({ requestTimeLimitMs: 300 }, async ({ server, seen }) => {
    // Reading the regions takes about 0.8 s; the Stats' grouped counts would start after it, past 300 ms.
    const result = await withSlowRegions(() => ask(server, REGION_STATS));
    expect(result.body.errors?.length).toBeGreaterThan(0);
    for (const error of result.body.errors!) {
      expect(error.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(error.extensions?.limit).toEqual({ name: "requestTime", max: 300 });
      expect(error.message).toBe(
        "The request ran past its time limit of 300 ms (limit: requestTime) and was stopped; ask for less at a time, or page.",
      );
    }
    // The regions were read; none of the grouped counts behind Stats ran.
    expect(seen.some((s) => /Region/.test(s))).toBe(true);
    expect(seen.some((s) => /GROUP BY/i.test(s))).toBe(false);
  }));

test("a slow statement is cancelled by the statement time limit on PostgreSQL; on SQLite, which cannot interrupt one, the request's limit stops the request after it", () =>
  serving({ requestTimeLimitMs: 300, statementTimeoutMs: 100 }, async ({ database, server, seen }) => {
    const started = Date.now();
    const result = await withSlowRegions(() => ask(server, REGION_STATS));
    const error = result.body.errors?.[0];
    expect(error?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    if (TARGET === "postgresql") {
      expect(database.statementTimeoutMs).toBe(100);
      expect(error?.extensions?.limit).toEqual({ name: "statementTimeout", max: 100 });
      expect(error?.message).toBe(
        "A database statement ran past the limit of 100 ms and was cancelled (limit: statementTimeout); ask for less at a time.",
      );
      // Cancelled at 100 ms, not left to run its 0.8 s.
      expect(Date.now() - started).toBeLessThan(2000);
    } else {
      expect(database.statementTimeoutMs).toBeNull();
      expect(error?.extensions?.limit).toEqual({ name: "requestTime", max: 300 });
    }
    expect(seen.some((s) => /GROUP BY/i.test(s))).toBe(false);
  }));

test("an unexpected internal error is masked; its request id finds the real error in the server log", () =>
  serving({}, async ({ server, log }) => {
    const db = t.database.db;
    await db.$executeRawUnsafe(`ALTER TABLE "Region" RENAME TO "RegionAway"`);
    try {
      const result = await ask(server, `{ regions { edges { node { code } } } }`);
      const error = result.body.errors?.[0];
      expect(error?.message).toBe("Internal error; quote the requestId to the operators to trace it.");
      expect(error?.extensions?.code).toBe("INTERNAL");
      expect(Object.keys(error?.extensions ?? {}).sort()).toEqual(["code", "requestId"]);
      expect(JSON.stringify(result.body)).not.toMatch(/RegionAway|"Region"|SELECT|prisma|P\d{4}|stack|\.ts:|node_modules/i);
      const requestId = error!.extensions!.requestId as string;
      // The request's lines (its database calls at debug, its request line) include one error with the cause.
      const lines = log.map((l) => JSON.parse(l) as Record<string, string>).filter((l) => l.requestId === requestId);
      const entry = lines.find((l) => l.level === "error");
      expect(entry).toBeDefined();
      // The log has what the client must not: the database's own words and a stack.
      expect(`${entry!.message} ${entry!.stack}`).toMatch(/Region/);
      expect(entry!.stack).toMatch(/\n\s+at /);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "RegionAway" RENAME TO "Region"`);
    }
  }));
