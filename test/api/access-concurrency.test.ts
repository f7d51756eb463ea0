// Requests in flight per key, through the real HTTP server with real concurrent requests: one key saturating its
// share is refused with 429 beyond it, while another key keeps being served. On PostgreSQL the saturating
// requests really hold pooled connections (their statements wait on a table lock), so this also shows that
// one key cannot take every connection of the pool.
import pg from "pg";
import { createKey } from "../../src/domain/keys";
import { type RunningServer, startServer } from "../../src/http/server";
import { LIMITS } from "../../src/limits";
import { POOL_SIZE, STATEMENTS_PER_REQUEST } from "../../src/db";
import { createTestDatabase, type TestDatabase, TARGET } from "../helpers/databases";

/** Holds every statement that reads the Region table, from hold() until released, and counts those waiting. */
interface Hold {
  hold(): Promise<void>;
  waiting(): Promise<number>;
  release(): Promise<void>;
}

let database: TestDatabase;
let server: RunningServer;
let url: string;
let hold: Hold;
const keys: { a: string; b: string } = { a: "", b: "" };

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  let served = database as typeof database;
  if (TARGET === "postgresql") {
    // A real lock: the held statements sit on pooled connections while they wait.
    const client = new pg.Client({ connectionString: database.config.url });
    await client.connect();
    hold = {
      hold: async () => {
        await client.query(`BEGIN; LOCK TABLE "Region" IN ACCESS EXCLUSIVE MODE`);
      },
      waiting: async () =>
        Number(
          // pg_locks, not pg_stat_activity: the latter is a snapshot taken once per transaction.
          (await client.query(`SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = '"Region"'::regclass`)).rows[0].n,
        ),
      release: async () => {
        await client.query("COMMIT");
        await client.end();
      },
    };
  } else {
    // SQLite runs one statement at a time on the event loop, so statements are held just before they run.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let waiting = 0;
    let holding = false;
    const db = database.db.$extends({
      query: {
        async $allOperations({ args, query }) {
          // The statement's text, quoted inside the JSON of its arguments.
          if (holding && JSON.stringify(args).includes('\\"Region\\"')) {
            waiting++;
            await gate;
          }
          return query(args);
        },
      },
    });
    served = { ...database, db: db as unknown as TestDatabase["db"] };
    hold = {
      hold: async () => {
        holding = true;
      },
      waiting: async () => waiting,
      release: async () => open(),
    };
  }
  keys.a = (
    await createKey(database.db, {
      role: "ANALYST",
      label: "saturating",
      actor: "test",
    })
  ).key;
  keys.b = (
    await createKey(database.db, {
      role: "ANALYST",
      label: "another",
      actor: "test",
    })
  ).key;
  server = await startServer({ database: served, port: 0, host: "127.0.0.1" });
  url = `http://127.0.0.1:${server.port}/graphql`;
});

afterAll(async () => {
  await server.stop();
  await database.destroy();
});

interface Response {
  status: number;
  body: {
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  retryAfter: string | null;
}

async function post(query: string, key: string): Promise<Response> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Response["body"],
    retryAfter: response.headers.get("retry-after"),
  };
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

test("one key is limited to 4 requests at once (429 beyond); another key is served meanwhile; the slots come back", async () => {
  expect(LIMITS.concurrentRequests).toBe(4);
  // Each request reads regions twice at once: 2 statements, the most one request runs together.
  const twoStatements = `{ a: regions { totalCount } b: regions(first: 2) { totalCount } }`;
  await hold.hold();
  const settled: Response[] = [];
  const saturating = Array.from({ length: 6 }, () => post(twoStatements, keys.a).then((r) => (settled.push(r), r)));

  // 4 requests × 2 statements wait on the lock (on PostgreSQL, holding 8 of the pool's 12 connections), and
  // the other 2 requests are refused at once.
  await until(async () => (await hold.waiting()) === 4 * STATEMENTS_PER_REQUEST && settled.length === 2);
  expect(POOL_SIZE - 4 * STATEMENTS_PER_REQUEST).toBe(4);
  for (const refused of settled) {
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("1");
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors).toHaveLength(1);
    expect(refused.body.errors![0]!.message).toBe(
      "This key already has 4 requests running, the most one key may have at once (limit: concurrentRequests); wait for one to finish.",
    );
    expect(refused.body.errors![0]!.extensions).toMatchObject({
      code: "QUERY_LIMIT_EXCEEDED",
      limit: { name: "concurrentRequests", max: 4, actual: 5 },
    });
  }

  // Another key: four requests at once, all answered while the first key's four still wait (the seed's 200 authors).
  const others = await Promise.all(Array.from({ length: 4 }, () => post(`{ authors(first: 1) { totalCount } }`, keys.b)));
  for (const r of others) {
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      data: { authors: { totalCount: 200 } },
      extensions: { cost: { requested: 2, budget: 50_000 } },
    });
  }

  await hold.release();
  const answered = (await Promise.all(saturating)).filter((r) => r.status === 200);
  expect(answered).toHaveLength(4);
  for (const r of answered) expect(r.body.data).toEqual({ a: { totalCount: 9 }, b: { totalCount: 9 } });

  // Finished requests give their slots back.
  const again = await Promise.all(Array.from({ length: 4 }, () => post(`{ regions { totalCount } }`, keys.a)));
  expect(again.map((r) => r.status)).toEqual([200, 200, 200, 200]);
});

test("statement bounds: PostgreSQL connections cancel at 5 s with JIT off (LLVM compiling ignored the cancel for 27 s); SQLite has neither", async () => {
  if (TARGET === "postgresql") {
    const settings = await database.db.$queryRawUnsafe<{ jit: string; timeout: string }[]>(
      "SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS timeout",
    );
    expect(settings).toEqual([{ jit: "off", timeout: "5s" }]);
    expect(database.statementTimeoutMs).toBe(5000);
  } else {
    // better-sqlite3 runs each statement to its end on the event loop: the filter limits bound them instead.
    expect(database.statementTimeoutMs).toBeNull();
  }
});
