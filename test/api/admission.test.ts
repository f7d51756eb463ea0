// The process's GraphQL requests running at once (src/http/admission.ts), through the real HTTP server with real
// concurrent requests. A request reading the Region table is held mid-execution (its statement waits on a gate)
// for as long as a test needs, so what waits, what is refused and what runs is seen without timing anything.
import { createKey } from "../../src/domain/keys";
import type { AdmissionConfig } from "../../src/config";
import { type RunningServer, startServer } from "../../src/http/server";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

const TOKEN = "admission-test-metrics-token";
const REGIONS = `{ regions { totalCount } }`;
const AUTHORS = `{ authors(first: 1) { totalCount } }`;

let database: TestDatabase;
/** One key per request a test sends at once, so the key's own limit (4 at once) never interferes. */
const keys: string[] = [];

/** Statements on the Region table wait at the gate while it is shut; counts those that reached it. */
const gate = {
  shut: false,
  reached: 0,
  waiters: [] as (() => void)[],
  open() {
    this.shut = false;
    for (const go of this.waiters.splice(0)) go();
  },
};

let served: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  const db = database.db.$extends({
    query: {
      async $allOperations({ args, query }) {
        // The compiled read's SQL text is among its arguments; the key look-up never names Region.
        if (JSON.stringify(args ?? null).includes("Region")) {
          gate.reached++;
          if (gate.shut) await new Promise<void>((resolve) => gate.waiters.push(resolve));
        }
        return query(args);
      },
    },
  });
  // A client derived with $extends has no direct reader, so the compiled reads go through it too.
  served = { ...database, db: db as unknown as TestDatabase["db"] };
  for (let i = 0; i < 4; i++) keys.push((await createKey(database.db, { role: "ANALYST", label: `admission ${i}`, actor: "test" })).key);
});

afterAll(async () => {
  await database.destroy();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function withServer(admission: AdmissionConfig, fn: (server: RunningServer, url: string) => Promise<void>): Promise<void> {
  const server = await startServer({ database: served, port: 0, host: "127.0.0.1", admission, metricsToken: TOKEN });
  // Starting, the server read the lists' bounds (the Region table among them): only requests count from here.
  gate.reached = 0;
  try {
    await fn(server, `http://127.0.0.1:${server.port}/graphql`);
  } finally {
    gate.open();
    await server.stop();
  }
}

async function post(url: string, query: string, key: string, signal?: AbortSignal): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
    signal,
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Answer["body"] };
}

/** A metric's value from /metrics (the sum of its series when it has labels matching `labels`). */
async function metric(url: string, name: string, labels = ""): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, "/metrics"), { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const line = new RegExp(`^${name}${labels ? `\\{${labels}\\}` : ""} (\\S+)$`, "m").exec(text);
  return line ? Number(line[1]) : 0;
}

async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

const REGIONS_ANSWER = { regions: { totalCount: 9 } };
const AUTHORS_ANSWER = { authors: { totalCount: 200 } };

test("with one running slot, a second request waits for the first and both answer; one more than the queue holds is refused with 503", async () => {
  await withServer({ maxRunning: 1, maxQueued: 1, maxWaitMs: 60_000 }, async (_server, url) => {
    gate.shut = true;
    const order: string[] = [];
    const first = post(url, REGIONS, keys[0]!).then((a) => (order.push("first"), a));
    await until(() => gate.reached === 1);
    // The second needs no Region statement: it could answer at once, but the only slot is the first's.
    const second = post(url, AUTHORS, keys[1]!).then((a) => (order.push("second"), a));
    await until(async () => (await metric(url, "scr_atlas_graphql_queued")) === 1);
    expect(await metric(url, "scr_atlas_graphql_running")).toBe(1);

    const third = await post(url, AUTHORS, keys[2]!);
    expect(third.status).toBe(503);
    expect(third.retryAfter).toBe("1");
    expect(third.body.data ?? null).toBeNull();
    expect(third.body.errors).toHaveLength(1);
    expect(third.body.errors![0]!.message).toBe(
      "The server is busy: 1 request running and 1 request waiting, the most it queues (limit: queuedRequests), so this one was not run; try again in a second.",
    );
    expect(third.body.errors![0]!.extensions).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      limit: { name: "queuedRequests", max: 1, actual: 2 },
    });
    expect(order).toEqual([]);

    gate.open();
    const [a, b] = await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
    expect([a.status, a.body.data]).toEqual([200, REGIONS_ANSWER]);
    expect([b.status, b.body.data]).toEqual([200, AUTHORS_ANSWER]);
    // Every slot is back: the queue is empty and a request runs at once.
    expect(await metric(url, "scr_atlas_graphql_queued")).toBe(0);
    const after = await post(url, AUTHORS, keys[2]!);
    expect([after.status, after.body.data]).toEqual([200, AUTHORS_ANSWER]);
    expect(await metric(url, "scr_atlas_graphql_running")).toBe(0);
    // Three admitted (the refused one was not); one refusal under its limit.
    expect(await metric(url, "scr_atlas_graphql_queue_wait_seconds_count")).toBe(3);
    expect(await metric(url, "scr_atlas_limit_refusals_total", 'limit="queuedRequests"')).toBe(1);
  });
});

test("a request that waits longer than the queue's wait limit is refused with 503 and never runs; the running one still answers", async () => {
  await withServer({ maxRunning: 1, maxQueued: 10, maxWaitMs: 100 }, async (_server, url) => {
    gate.shut = true;
    const first = post(url, REGIONS, keys[0]!);
    await until(() => gate.reached === 1);
    const waited = await post(url, REGIONS, keys[1]!);
    expect(waited.status).toBe(503);
    expect(waited.retryAfter).toBe("1");
    expect(waited.body.errors![0]!.message).toBe(
      "The server is busy: this request waited 0.1 s for one of the server's 1 running slot to free up (limit: queueWait), so it was not run; try again in a second.",
    );
    expect(waited.body.errors![0]!.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", limit: { name: "queueWait", max: 100 } });
    gate.open();
    expect((await first).body.data).toEqual(REGIONS_ANSWER);
    // Only the first request's statement ever ran.
    expect(gate.reached).toBe(1);
    expect(await metric(url, "scr_atlas_limit_refusals_total", 'limit="queueWait"')).toBe(1);
  });
});

test("a client that goes away while waiting leaves the queue, and its request is never run", async () => {
  await withServer({ maxRunning: 1, maxQueued: 10, maxWaitMs: 60_000 }, async (_server, url) => {
    gate.shut = true;
    const first = post(url, REGIONS, keys[0]!);
    await until(() => gate.reached === 1);
    const abort = new AbortController();
    const gone = post(url, REGIONS, keys[1]!, abort.signal).catch((error: unknown) => error);
    await until(async () => (await metric(url, "scr_atlas_graphql_queued")) === 1);
    abort.abort();
    await gone;
    await until(async () => (await metric(url, "scr_atlas_graphql_queued")) === 0);
    gate.open();
    expect((await first).body.data).toEqual(REGIONS_ANSWER);
    const next = await post(url, REGIONS, keys[2]!);
    expect(next.body.data).toEqual(REGIONS_ANSWER);
    // The first and the last ran; the abandoned one did not.
    expect(gate.reached).toBe(2);
  });
});

test("MAX_RUNNING_REQUESTS=0 turns the limit off: requests run at once, none waits", async () => {
  await withServer({ maxRunning: 0, maxQueued: 0, maxWaitMs: 60_000 }, async (_server, url) => {
    gate.shut = true;
    const held = [post(url, REGIONS, keys[0]!), post(url, REGIONS, keys[1]!), post(url, REGIONS, keys[2]!)];
    await until(() => gate.reached === 3);
    expect(await metric(url, "scr_atlas_graphql_running")).toBe(3);
    expect(await metric(url, "scr_atlas_graphql_queued")).toBe(0);
    gate.open();
    for (const answer of await Promise.all(held)) expect([answer.status, answer.body.data]).toEqual([200, REGIONS_ANSWER]);
  });
});
