// The key cache through the real HTTP server: a key verified once is not looked up again for KEY_CACHE_TTL_MS;
// a revocation through the API stops it at once, one made directly in the database (as another process would)
// once that time is up; expiry and the secret are still checked on every request; last use is written by the
// flush and on stop, never by a request. The server's clock is injected and moved by hand: no test waits.
import { KEY_CACHE_TTL_MS } from "../../src/domain/key-cache";
import { createKey } from "../../src/domain/keys";
import { startServer } from "../../src/http/server";
import { startTestServer, type TestServer } from "../helpers/server";

// Ahead of the real clock, so rows written with the real time (a revocation through the API) lie in its past.
let clock = new Date(Date.now() + 3_600_000);
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

let t: TestServer;
beforeAll(async () => {
  // The flush timer is set far off, so only the explicit flushes below write last use.
  t = await startTestServer({ seeded: false, keyCache: { now: () => clock, flushEveryMs: 3_600_000 } });
});
afterAll(() => t.close());

const VIEWER = "{ viewer { role label } }";

/** A fresh ANALYST key, never used. */
async function freshKey(label: string, expiresAt?: Date) {
  return createKey(t.database.db, { role: "ANALYST", label, actor: "test", expiresAt, now: clock });
}

/** One request with `key`: its status, and the statements that touched ApiKey (the lookup or a last-use write). */
async function use(key: string) {
  const { result, sql } = await t.statements(() => t.query<{ viewer: { role: string; label: string } }, Record<string, never>>(VIEWER, {}, { key }));
  return { status: result.status, viewer: result.data?.viewer ?? null, keySql: sql.filter((s) => /["`]ApiKey["`]/.test(s)) };
}

const lastUsedAt = async (id: number) => (await t.database.db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;

test("a key's first request looks it up with one SELECT; the second runs no statement on ApiKey", async () => {
  const { key } = await freshKey("twice");
  const first = await use(key);
  expect(first.status).toBe(200);
  expect(first.viewer).toEqual({ role: "ANALYST", label: "twice" });
  expect(first.keySql).toHaveLength(1);
  expect(first.keySql[0]).toMatch(/^SELECT/i);
  const second = await use(key);
  expect(second.status).toBe(200);
  expect(second.viewer).toEqual({ role: "ANALYST", label: "twice" });
  expect(second.keySql).toEqual([]);
});

test("after KEY_CACHE_TTL_MS the key is looked up again", async () => {
  const { key } = await freshKey("looked up again");
  expect((await use(key)).keySql).toHaveLength(1);
  advance(KEY_CACHE_TTL_MS - 1);
  expect((await use(key)).keySql).toEqual([]);
  advance(1);
  const again = await use(key);
  expect(again.status).toBe(200);
  expect(again.keySql).toHaveLength(1);
});

test("a bad key is never held: an unknown key and a revoked key are looked up, and refused, every time", async () => {
  const revoked = await freshKey("revoked before use");
  await t.database.db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date(clock.getTime() - 1000) } });
  const unknown = "scr_abcdefghijkl_" + "A".repeat(43);
  for (const key of [unknown, unknown, revoked.key, revoked.key]) {
    const r = await use(key);
    expect(r.status).toBe(401);
    expect(r.keySql).toHaveLength(1);
  }
});

test("a wrong secret for a held prefix is refused without a lookup, and the key itself still works", async () => {
  const { key } = await freshKey("wrong secret");
  expect((await use(key)).status).toBe(200);
  const wrong = key.slice(0, "scr_".length + 12 + 1) + "B".repeat(43);
  const refused = await use(wrong);
  expect(refused.status).toBe(401);
  expect(refused.keySql).toEqual([]);
  const still = await use(key);
  expect(still.status).toBe(200);
  expect(still.keySql).toEqual([]);
});

test("a key revoked through the API is refused on the very next request", async () => {
  const { key, prefix } = await freshKey("revoked through the API");
  expect((await use(key)).status).toBe(200);
  const revoked = await t.query<{ revokeApiKey: { apiKey: { active: boolean } | null } }, { p: string }>(
    `mutation($p: String!) { revokeApiKey(input: { prefix: $p }) { apiKey { active } } }`,
    { p: prefix },
    { key: t.keys.ADMIN },
  );
  expect(revoked.data?.revokeApiKey.apiKey).toEqual({ active: false });
  const next = await use(key);
  expect(next.status).toBe(401);
  // Evicted, so the refusal came from the database's row.
  expect(next.keySql).toHaveLength(1);
});

test("a key revoked directly in the database is held until KEY_CACHE_TTL_MS has passed since its lookup, then refused", async () => {
  const { key, id } = await freshKey("revoked elsewhere");
  expect((await use(key)).status).toBe(200);
  await t.database.db.apiKey.update({ where: { id }, data: { revokedAt: clock } });
  advance(KEY_CACHE_TTL_MS - 1);
  expect((await use(key)).status).toBe(200);
  advance(1);
  expect((await use(key)).status).toBe(401);
  // And stays refused.
  expect((await use(key)).status).toBe(401);
});

test("a held key is refused at its expiry, to the millisecond, without a lookup", async () => {
  const { key } = await freshKey("expires while held", new Date(clock.getTime() + 2_000));
  expect((await use(key)).status).toBe(200);
  advance(1_999);
  const before = await use(key);
  expect(before.status).toBe(200);
  expect(before.keySql).toEqual([]);
  advance(1);
  const at = await use(key);
  expect(at.status).toBe(401);
  expect(at.keySql).toEqual([]);
});

test("last use is written by the flush, the latest use per key, never by a request", async () => {
  const a = await freshKey("last use a");
  const b = await freshKey("last use b");
  // The uses of the tests above are written first, so only these two keys' are left.
  await t.server.keys.flush();
  const start = clock;
  for (const key of [a.key, b.key, a.key]) {
    const r = await use(key);
    expect(r.status).toBe(200);
    // The lookup at most: no UPDATE.
    expect(r.keySql.filter((s) => !/^SELECT/i.test(s))).toEqual([]);
    advance(1_000);
  }
  expect(await lastUsedAt(a.id)).toBeNull();
  expect(await lastUsedAt(b.id)).toBeNull();

  const { sql } = await t.statements(() => t.server.keys.flush());
  // a: used at start and start + 2 s; b: at start + 1 s. One UPDATE per key.
  expect(await lastUsedAt(a.id)).toEqual(new Date(start.getTime() + 2_000));
  expect(await lastUsedAt(b.id)).toEqual(new Date(start.getTime() + 1_000));
  expect(sql.filter((s) => /^UPDATE/i.test(s))).toHaveLength(2);

  // Nothing more to write: a second flush runs no statement.
  expect((await t.statements(() => t.server.keys.flush())).sql).toEqual([]);
});

test("a flush never moves last use back (another process may have written a later one)", async () => {
  const { key, id } = await freshKey("later elsewhere");
  const later = new Date(clock.getTime() + 60_000);
  await t.database.db.apiKey.update({ where: { id }, data: { lastUsedAt: later } });
  expect((await use(key)).status).toBe(200);
  await t.server.keys.flush();
  expect(await lastUsedAt(id)).toEqual(later);
});

test("stopping the server writes the last use still held", async () => {
  const { key, id } = await freshKey("flushed on stop");
  const server = await startServer({
    database: t.serverDatabase,
    port: 0,
    host: "127.0.0.1",
    keyCache: { now: () => clock, flushEveryMs: 3_600_000 },
  });
  const usedAt = clock;
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: VIEWER }),
  });
  expect(response.status).toBe(200);
  expect(await lastUsedAt(id)).toBeNull();
  await server.stop();
  expect(await lastUsedAt(id)).toEqual(usedAt);
});
