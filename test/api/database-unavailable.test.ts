// A database that is down, gone or replaced: requests get 503 SERVICE_UNAVAILABLE with a sentence, readiness
// fails, and nothing is read from or written to a database file the server no longer has at its path.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Config } from "../../src/config";
import { type Database, openDatabase } from "../../src/db";
import { KEY_CACHE_TTL_MS } from "../../src/domain/key-cache";
import { createKey } from "../../src/domain/keys";
import { migrate } from "../../src/migrate";
import { type RunningServer, startServer } from "../../src/http/server";
import { createTestDatabase, TARGET, type TestDatabase } from "../helpers/databases";

const UNAVAILABLE =
  "The database is not available, so the request was not run; try again later, and quote the requestId to the operators if it persists.";

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function ask(server: RunningServer, query: string, key: string | null): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, { method: "POST", headers, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer["body"] };
}

async function ready(server: RunningServer): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/health/ready`);
  return { status: response.status, body: await response.json() };
}

function expectUnavailable(answer: Answer) {
  expect(answer.status).toBe(503);
  expect(answer.body.data ?? null).toBeNull();
  expect(answer.body.errors).toHaveLength(1);
  const error = answer.body.errors![0]!;
  expect(error.message).toBe(UNAVAILABLE);
  expect(error.extensions?.code).toBe("SERVICE_UNAVAILABLE");
  expect(error.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.headers.get("retry-after")).toBe("5");
  expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|prisma|sqlite|postgres|\.ts:|\/tmp/i);
}

/** A loopback port where nothing listens. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const KEY_SHAPED = "scr_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

test("with PostgreSQL down, a keyed request gets 503 and a sentence, not 500; readiness fails, liveness holds", async () => {
  const config: Config["database"] = { kind: "postgresql", url: `postgresql://atlas@127.0.0.1:${await closedPort()}/atlas` };
  const database = openDatabase(config);
  const server = await startServer({ database, port: 0, host: "127.0.0.1" });
  try {
    expectUnavailable(await ask(server, "{ regions { totalCount } }", KEY_SHAPED));
    // A request with no key needs no database to be refused.
    expect((await ask(server, "{ regions { totalCount } }", null)).status).toBe(401);
    expect(await ready(server)).toEqual({ status: 503, body: { status: "unavailable", database: "postgresql" } });
    const live = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(live.status).toBe(200);
  } finally {
    await server.stop();
    await database.close();
  }
});

describe("the test database taken away under a running server", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let key: string;
  // The server's clock runs `skew` ms ahead of the real one, so the key cache's time can pass at once.
  let skew = 0;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: false });
    server = await startServer({ database, port: 0, host: "127.0.0.1", keyCache: { now: () => new Date(Date.now() + skew) } });
    key = (await createKey(database.db, { role: "ANALYST", label: "availability", actor: "test" })).key;
  });
  afterAll(async () => {
    await server.stop();
    await database.destroy().catch(() => undefined);
  });

  test(`(${TARGET}) answers while it is there, then 503 once it is gone`, async () => {
    const before = await ask(server, "{ regions { totalCount } }", key);
    expect(before.status).toBe(200);
    expect(before.body.data).toEqual({ regions: { totalCount: 0 } });
    expect((await ready(server)).status).toBe(200);

    if (database.kind === "postgresql") {
      const { postgresAdmin } = await import("../helpers/databases");
      const name = new URL(database.config.url).pathname.slice(1);
      await postgresAdmin((c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`));
    } else {
      fs.rmSync(database.config.file!);
    }
    // The key was verified by the request above and is still held (KEY_CACHE_TTL_MS), so this request reaches
    // the database itself: the failure there is a 503 with the same sentence, never INTERNAL.
    const during = await ask(server, "{ regions { totalCount } }", key);
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("5");
    expect(during.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([[UNAVAILABLE, "SERVICE_UNAVAILABLE"]]);
    expect(JSON.stringify(during.body)).not.toMatch(/3D000|prisma|sqlite|postgres|does not exist/i);
    // Once the key must be looked up again, that lookup finding no database is the 503.
    skew += KEY_CACHE_TTL_MS;
    expectUnavailable(await ask(server, "{ regions { totalCount } }", key));
    expect((await ready(server)).status).toBe(503);
  });
});

describe("an SQLite file removed or replaced while serving", () => {
  let dir: string;
  let file: string;
  let database: Database;
  let server: RunningServer;
  let keys: { admin: string; analyst: string };
  /** Statements the server's client ran. */
  let seen: string[];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-gone-"));
    file = path.join(dir, "atlas.db");
    await migrate({ kind: "sqlite", url: `file:${file}`, file });
    database = openDatabase({ kind: "sqlite", url: `file:${file}`, file });
    keys = {
      admin: (await createKey(database.db, { role: "ADMIN", label: "admin", actor: "test" })).key,
      analyst: (await createKey(database.db, { role: "ANALYST", label: "analyst", actor: "test" })).key,
    };
    server = await startServer({ database, port: 0, host: "127.0.0.1" });
    seen = [];
    database.onQuery((e) => seen.push(e.sql));
  });
  afterEach(async () => {
    await server.stop();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const CREATE_KEY = `mutation { createApiKey(input: { role: PARTNER, label: "written to a lost file" }) { apiKey { prefix } } }`;

  test("removed: readiness fails, and reads and writes get 503 without a statement run against the orphaned file", async () => {
    expect(await ready(server)).toEqual({ status: 200, body: { status: "ok", database: "sqlite" } });
    expect((await ask(server, CREATE_KEY, keys.admin)).status).toBe(200);

    fs.rmSync(file);
    seen.length = 0;
    expect(await ready(server)).toEqual({
      status: 503,
      body: { status: "unavailable", database: "sqlite", reason: "the database file was removed after the server opened it; restart the server" },
    });
    expectUnavailable(await ask(server, "{ regions { totalCount } }", keys.analyst));
    expectUnavailable(await ask(server, CREATE_KEY, keys.admin));
    expectUnavailable(await ask(server, "{ regions { totalCount } }", null));
    expect(seen).toEqual([]);
  });

  test("replaced by another file at the same path: the same", async () => {
    const other = path.join(dir, "other.db");
    fs.copyFileSync(file, other);
    fs.renameSync(other, file);
    seen.length = 0;
    expect(await ready(server)).toEqual({
      status: 503,
      body: {
        status: "unavailable",
        database: "sqlite",
        reason: "another file took the database file's place after the server opened it; restart the server",
      },
    });
    expectUnavailable(await ask(server, "{ regions { totalCount } }", keys.analyst));
    expectUnavailable(await ask(server, CREATE_KEY, keys.admin));
    expect(seen).toEqual([]);
  });
});
