// Bad input gets a specific 4xx before any SQL of its own runs: text too long for an argument, text no database
// column can hold (NUL, lone UTF-16 surrogates), a subscription, a persisted query whose hash or version is wrong.
import { createHash } from "node:crypto";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; locations?: unknown; extensions?: Record<string, unknown> }[] };
  /** Statements the request ran besides the key lookup. */
  sql: string[];
}

/** Posts a raw JSON body (so it can carry what JSON.stringify would not write, such as a lone surrogate). */
async function post(body: string, key: string = t.keys.ANALYST): Promise<Answer> {
  const { result, sql } = await t.statements(async () => {
    const response = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
    return { status: response.status, body: (await response.json()) as Answer["body"] };
  });
  return { ...result, sql: withoutAuthentication(sql) };
}

const send = (query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>) =>
  post(JSON.stringify({ query, variables, extensions }));

const BY_NAME = `query BoardsByName($pattern: String) { boards(where: { name: { contains: $pattern } }) { totalCount } }`;

function onlyError(answer: Answer) {
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.data ?? null).toBeNull();
  return answer.body.errors![0]!;
}

describe("text longer than an argument may be", () => {
  test("a 95 KB `contains` pattern in variables is refused naming the limit and the argument, before any SQL", async () => {
    const r = await send(BY_NAME, { pattern: "a".repeat(95_000) });
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({
      code: "QUERY_LIMIT_EXCEEDED",
      limit: { name: "stringLength", max: 1000, actual: 95_000 },
      argument: "boards.where.name.contains",
    });
    expect(error.message).toBe(
      "The text given for boards.where.name.contains is 95000 characters long, more than the limit of 1000 (limit: stringLength).",
    );
    expect(r.sql).toEqual([]);
  });

  test("a literal one character over the limit is refused; one at the limit runs", async () => {
    const over = await send(`{ boards(where: { code: { startsWith: "${"x".repeat(1001)}" } }) { totalCount } }`);
    expect(over.status).toBe(400);
    expect(onlyError(over).extensions).toMatchObject({
      limit: { name: "stringLength", max: 1000, actual: 1001 },
      argument: "boards.where.code.startsWith",
    });
    expect(over.sql).toEqual([]);

    const at = await send(`{ boards(where: { code: { startsWith: "${"x".repeat(1000)}" } }) { totalCount } }`);
    expect(at.status).toBe(200);
    expect(at.body.data).toEqual({ boards: { totalCount: 0 } });
  });

  test("the limit counts characters, not UTF-16 units or bytes: 1,000 emoji fit", async () => {
    const r = await send(BY_NAME, { pattern: "😀".repeat(1000) });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ boards: { totalCount: 0 } });
  });

  test("each item of a list is text of its own, named by its index", async () => {
    const r = await send(`query Codes($codes: [String!]) { boards(where: { code: { in: $codes } }) { totalCount } }`, {
      codes: ["E10000002", "y".repeat(2000)],
    });
    expect(r.status).toBe(400);
    expect(onlyError(r).extensions).toMatchObject({ limit: { name: "stringLength", max: 1000, actual: 2000 }, argument: "boards.where.code.in.1" });
  });
});

describe("text no database column can hold", () => {
  test("a NUL character in a variable is refused (it used to match every board on SQLite)", async () => {
    const r = await send(BY_NAME, { pattern: "\u0000" });
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "boards.where.name.contains" });
    expect(error.message).toBe(
      "The text given for boards.where.name.contains holds a NUL character (U+0000) at character 1; text may not contain it.",
    );
    expect(r.sql).toEqual([]);
  });

  test("a NUL character written as an escape in the document is refused the same way", async () => {
    const r = await send(`{ boards(where: { OR: [{ code: { eq: "E1" } }, { name: { endsWith: "shire\\u0000" } }] }) { totalCount } }`);
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "boards.where.OR.1.name.endsWith" });
    expect(error.message).toMatch(/holds a NUL character \(U\+0000\) at character 6/);
    expect(r.sql).toEqual([]);
  });

  test.each([
    ["a high surrogate alone", "\\ud83d", "U+D83D", 3],
    ["a low surrogate alone", "\\ude00", "U+DE00", 3],
  ])("%s in a variable is refused naming the argument", async (_label, escape, codePoint, at) => {
    const r = await post(`{"query": ${JSON.stringify(BY_NAME)}, "variables": {"pattern": "ab${escape}c"}}`);
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "boards.where.name.contains" });
    expect(error.message).toBe(
      `The text given for boards.where.name.contains holds a lone UTF-16 surrogate (${codePoint}) at character ${at}; send well-formed Unicode text.`,
    );
    expect(r.sql).toEqual([]);
  });

  test("a well-formed surrogate pair is ordinary text", async () => {
    const r = await post(`{"query": ${JSON.stringify(BY_NAME)}, "variables": {"pattern": "\\ud83d\\ude00"}}`);
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ boards: { totalCount: 0 } });
  });

  test.each([
    ["written as an escape", "\\\\ud800"],
    ["sent as the raw code unit", "\\ud800"],
  ])("a lone surrogate in a literal, %s, is refused naming the argument and where it is in the document", async (_label, inQuery) => {
    // The body's JSON holds the document's text; the first form reaches GraphQL as the six characters \ud800.
    const r = await post(`{"query": "{ regions { totalCount } boards(where: { name: { contains: \\"x${inQuery}\\" } }) { totalCount } }"}`);
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "boards.where.name.contains" });
    expect(error.message).toMatch(
      /^The text given for boards\.where\.name\.contains \(line 1, column 62\) holds a lone UTF-16 surrogate \(U\+D800\); /,
    );
    expect(r.sql).toEqual([]);
  });

  test("a research partner's refused request is answered with the reason and recorded in the audit log", async () => {
    const before = await t.database.db.auditEvent.count({ where: { action: "request.partner" } });
    const partner = await post(
      JSON.stringify({ query: `query P($p: String!) { board(code: $p) { name } }`, variables: { p: "E1\u0000" } }),
      t.keys.PARTNER,
    );
    expect(partner.status).toBe(400);
    expect(onlyError(partner).extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "board.code" });
    const rows = await t.database.db.auditEvent.findMany({ where: { action: "request.partner" }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(before + 1);
    expect(JSON.parse(rows.at(-1)!.after!)).toMatchObject({ outcome: "BAD_USER_INPUT", variables: { p: "E1\u0000" } });
  });
});

describe("operations SCR Atlas does not offer", () => {
  test("a subscription is refused as such, before any SQL", async () => {
    const r = await send(`subscription Watch { regions { totalCount } }`);
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", operation: "subscription" });
    expect(error.message).toBe(
      "Subscriptions are not offered: SCR Atlas answers queries and mutations over HTTP. Ask again with a query to see changes.",
    );
    expect(r.sql).toEqual([]);
  });

  test("a document holding a query and a subscription runs the query when asked for it", async () => {
    const document = `query Count { regions { totalCount } } subscription Watch { regions { totalCount } }`;
    const ok = await post(JSON.stringify({ query: document, operationName: "Count" }));
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ regions: { totalCount: 9 } });
    const refused = await post(JSON.stringify({ query: document, operationName: "Watch" }));
    expect(refused.status).toBe(400);
    expect(onlyError(refused).extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("automatic persisted queries", () => {
  const query = `{ regions { totalCount } }`;
  const hash = createHash("sha256").update(query).digest("hex");

  test("a query sent with its own SHA-256 is registered, and the hash alone runs it afterwards", async () => {
    const registered = await send(query, undefined, { persistedQuery: { version: 1, sha256Hash: hash } });
    expect(registered.status).toBe(200);
    expect(registered.body.data).toEqual({ regions: { totalCount: 9 } });
    const byHash = await post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }));
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual({ regions: { totalCount: 9 } });
  });

  test("a hash that is not the query's SHA-256 is refused naming both", async () => {
    const wrong = "0".repeat(64);
    const r = await send(query, undefined, { persistedQuery: { version: 1, sha256Hash: wrong } });
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "extensions.persistedQuery.sha256Hash" });
    expect(error.message).toBe(
      `extensions.persistedQuery.sha256Hash is ${wrong}, but the SHA-256 of the query sent is ${hash}; send the hash of the query's exact text.`,
    );
    expect(r.sql).toEqual([]);
  });

  test.each([
    [
      "version 2",
      { version: 2, sha256Hash: hash },
      "extensions.persistedQuery.version",
      "extensions.persistedQuery.version is 2; the only version supported is 1.",
    ],
    [
      "no version",
      { sha256Hash: hash },
      "extensions.persistedQuery.version",
      "extensions.persistedQuery.version is missing; the only version supported is 1.",
    ],
    [
      "a version written as text",
      { version: "1", sha256Hash: hash },
      "extensions.persistedQuery.version",
      'extensions.persistedQuery.version is "1"; the only version supported is 1.',
    ],
    [
      "a hash that is not 64 hexadecimal digits",
      { version: 1, sha256Hash: "abc" },
      "extensions.persistedQuery.sha256Hash",
      "extensions.persistedQuery.sha256Hash must be a SHA-256 written as 64 lower-case hexadecimal digits.",
    ],
    ["extensions that are not an object", undefined, "extensions", "extensions must be a JSON object."],
    [
      "a persistedQuery that is not an object",
      "yes",
      "extensions.persistedQuery",
      "extensions.persistedQuery must be an object { version: 1, sha256Hash }.",
    ],
  ])("%s is refused as bad input", async (_label, persistedQuery, argument, message) => {
    const r = await post(JSON.stringify({ query, extensions: persistedQuery === undefined ? "persistedQuery" : { persistedQuery } }));
    expect(r.status).toBe(400);
    const error = onlyError(r);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    expect(error.message).toBe(message);
    expect(r.sql).toEqual([]);
  });

  test("the same checks hold for GET", async () => {
    const url = `${t.url}?query=${encodeURIComponent(query)}&extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 3, sha256Hash: hash } }))}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${t.keys.ANALYST}`, "apollo-require-preflight": "1" } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Answer["body"];
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "extensions.persistedQuery.version" });

    const garbled = `${t.url}?query=${encodeURIComponent(query)}&extensions=${encodeURIComponent("{persistedQuery")}`;
    const bad = await fetch(garbled, { headers: { authorization: `Bearer ${t.keys.ANALYST}`, "apollo-require-preflight": "1" } });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as Answer["body"];
    expect(badBody.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "extensions" });
    expect(badBody.errors?.[0]?.message).toBe("extensions must be a JSON object; this one is not valid JSON.");
  });
});
