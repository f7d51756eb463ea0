// The request log, read from the real server: one JSON line per /graphql request, answered or refused at any
// step (401s and limit refusals included), with the fields an operator needs, and never a key, a variable's
// value, the document's text or free text. LOG_LEVEL decides what is written.
import { createHash } from "node:crypto";
import type { Role } from "../../src/generated/sqlite/enums";
import { createKey, KEY_FORMAT } from "../../src/domain/keys";
import { type RunningServer, startServer } from "../../src/http/server";
import { createLogger, type LogLevel } from "../../src/logger";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

let database: TestDatabase;
const keys = {} as Record<Role, string>;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  for (const role of ["ADMIN", "ANALYST", "PARTNER"] as Role[]) {
    keys[role] = (await createKey(database.db, { role, label: `log test ${role}`, actor: "test" })).key;
  }
});
afterAll(() => database.destroy());

interface Served {
  server: RunningServer;
  lines: Record<string, unknown>[];
  /** Every line as written, for searching for what must not be there. */
  raw: () => string;
}

async function serving<T>(level: LogLevel, fn: (s: Served) => Promise<T>): Promise<T> {
  const written: string[] = [];
  const server = await startServer({ database: database, port: 0, host: "127.0.0.1", logger: createLogger(level, (l) => written.push(l)) });
  try {
    return await fn({
      server,
      get lines() {
        return written.map((l) => JSON.parse(l) as Record<string, unknown>);
      },
      raw: () => written.join("\n"),
    });
  } finally {
    await server.stop();
  }
}

async function post(server: RunningServer, body: string, key?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, { method: "POST", headers, body });
  const json = (await response.json()) as { errors?: { extensions?: { requestId?: string } }[] };
  return { status: response.status, json, text: JSON.stringify(json) };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const prefixOf = (key: string) => KEY_FORMAT.exec(key)![1];

/** The request lines, waiting a moment for the last to be written (it is written when the response closes). */
async function requestLines(s: Served, count: number): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 50; i++) {
    const found = s.lines.filter((l) => l.message === "request");
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return s.lines.filter((l) => l.message === "request");
}

test("an answered query: one line with its name, hash, role, key prefix, status, database calls and no errors", async () => {
  await serving("info", async (s) => {
    const query = "query RegionCodes { regions { edges { node { code } } } }";
    const answer = await post(s.server, JSON.stringify({ query }), keys.ANALYST);
    expect(answer.status).toBe(200);
    const [line, ...more] = await requestLines(s, 1);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: "info",
      message: "request",
      method: "POST",
      status: 200,
      operationName: "RegionCodes",
      operationHash: sha256(query),
      role: "ANALYST",
      keyPrefix: prefixOf(keys.ANALYST),
      errors: [],
    });
    expect(line!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(line!.time as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(line!.durationMs).toEqual(expect.any(Number));
    const db = line!.db as { calls: number; ms: number };
    expect(db.calls).toBeGreaterThanOrEqual(1);
    expect(db.ms).toBeGreaterThanOrEqual(0);
    expect(line!.aborted).toBeUndefined();
  });
});

test("refusals are logged: 401 (with the prefix of a well-formed key, never the key), a limit before the key, a page size after it", async () => {
  await serving("info", async (s) => {
    const unknownKey = "scr_abcdefghijkl_" + "A".repeat(43);
    const noKey = await post(s.server, JSON.stringify({ query: "{ regions { totalCount } }" }));
    const badKey = await post(s.server, JSON.stringify({ query: "{ regions { totalCount } }" }), unknownKey);
    const deep = "{ " + "a { ".repeat(20) + "b" + " }".repeat(20) + " }";
    const tooDeep = await post(s.server, JSON.stringify({ query: deep }), keys.ANALYST);
    const bigPage = await post(s.server, JSON.stringify({ query: "query Page { regions(first: 101) { totalCount } }" }), keys.ANALYST);
    const notJson = await post(s.server, "{not json", keys.ANALYST);
    expect([noKey.status, badKey.status, tooDeep.status, bigPage.status, notJson.status]).toEqual([401, 401, 400, 400, 400]);

    const lines = await requestLines(s, 5);
    expect(lines).toHaveLength(5);
    // Each line is the response's: the requestId the client was given finds it.
    const byId = new Map(lines.map((l) => [l.requestId, l]));
    const lineOf = (a: { json: { errors?: { extensions?: { requestId?: string } }[] } }) => byId.get(a.json.errors![0]!.extensions!.requestId);
    expect(lineOf(noKey)).toMatchObject({ status: 401, role: null, keyPrefix: null, errors: ["UNAUTHENTICATED"], db: { calls: 0, ms: 0 } });
    expect(lineOf(badKey)).toMatchObject({ status: 401, role: null, keyPrefix: "abcdefghijkl", errors: ["UNAUTHENTICATED"] });
    // The depth is checked before the key is read: no role yet, but the key's public prefix is known.
    expect(lineOf(tooDeep)).toMatchObject({
      status: 400,
      role: null,
      keyPrefix: prefixOf(keys.ANALYST),
      errors: ["QUERY_LIMIT_EXCEEDED"],
      limits: ["depth"],
    });
    expect(lineOf(bigPage)).toMatchObject({
      status: 400,
      role: "ANALYST",
      operationName: "Page",
      errors: ["BAD_USER_INPUT"],
      limits: ["pageSize"],
      db: { calls: 0, ms: 0 },
    });
    expect(lineOf(notJson)).toMatchObject({ status: 400, operationName: null, operationHash: null, errors: ["BAD_REQUEST"] });
    expect(s.raw()).not.toContain(unknownKey);
    expect(s.raw()).not.toContain(keys.ANALYST);
  });
});

test("never a key, a variable's value, the document's text or free text; a partner's request is logged alike", async () => {
  await serving("debug", async (s) => {
    const label = "Jo Secretlabel, Borsetshire Safeguarding";
    const create = await post(
      s.server,
      JSON.stringify({
        query: "mutation NewKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { prefix } } }",
        variables: { input: { role: "PARTNER", label } },
      }),
      keys.ADMIN,
    );
    expect(create.status).toBe(200);
    const secret = /scr_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(create.text)?.[0];
    expect(secret).toBeDefined();
    const lookup = await post(
      s.server,
      JSON.stringify({ query: "query OneReview($ref: String!) { review(reference: $ref) { reference } }", variables: { ref: "SCR-SECRETREF-4242" } }),
      keys.ANALYST,
    );
    expect(lookup.status).toBe(200);
    const partner = await post(s.server, JSON.stringify({ query: "query Deaths { regions { totalCount } }" }), keys.PARTNER);
    expect(partner.status).toBe(200);

    const lines = await requestLines(s, 3);
    expect(lines.map((l) => [l.operationName, l.role, l.status])).toEqual([
      ["NewKey", "ADMIN", 200],
      ["OneReview", "ANALYST", 200],
      ["Deaths", "PARTNER", 200],
    ]);
    const all = s.raw();
    for (const secretText of [secret!, keys.ADMIN, keys.ANALYST, keys.PARTNER, label, "Secretlabel", "SECRETREF", "createApiKey", "totalCount"]) {
      expect(all).not.toContain(secretText);
    }
    // At debug, each database call of a request has its own line: model and operation, never its arguments.
    const calls = s.lines.filter((l) => l.message === "database call" && l.requestId === lines[1]!.requestId);
    expect(calls.length).toBe((lines[1]!.db as { calls: number }).calls);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    const allowed = ["durationMs", "level", "message", "model", "operation", "requestId", "time"];
    for (const call of calls) expect(Object.keys(call).filter((k) => !allowed.includes(k))).toEqual([]);
  });
});

test("LOG_LEVEL: at warn the request lines are not written, at info they are, and debug adds the database calls", async () => {
  const query = JSON.stringify({ query: "{ regions { totalCount } }" });
  const counts: Record<string, [number, number]> = {};
  for (const level of ["warn", "info", "debug"] as LogLevel[]) {
    await serving(level, async (s) => {
      await post(s.server, query, keys.ANALYST);
      await post(s.server, query);
      if (level !== "warn") await requestLines(s, 2);
      counts[level] = [s.lines.filter((l) => l.message === "request").length, s.lines.filter((l) => l.message === "database call").length];
    });
  }
  expect(counts.warn).toEqual([0, 0]);
  expect(counts.info).toEqual([2, 0]);
  expect(counts.debug![0]).toBe(2);
  expect(counts.debug![1]).toBeGreaterThanOrEqual(1);
});
