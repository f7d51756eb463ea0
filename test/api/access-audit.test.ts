// The audit log through the real HTTP server: every research partner's request recorded (operation hash, the
// document as a normalised text, time, key, variables, outcome), whatever happened to it: refused before the
// key was read, refused before execution, failed, or stopped by its time limit; nothing answered when the record
// cannot be written; ADMIN reads it; and the database refuses to change or delete an entry.
import { createHash } from "node:crypto";
import { graphql } from "../gql";
import { startTestServer, type TestServer } from "../helpers/server";
import { KEY_CACHE_TTL_MS } from "../../src/domain/key-cache";
import { startServer } from "../../src/http/server";

// The server's clock runs `skew` ms ahead of the real one, so a test can let the key cache's time pass at once.
let skew = 0;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true, keyCache: { now: () => new Date(Date.now() + skew) } });
});
afterAll(() => t.close());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const PartnerRequests = graphql(`
  query PartnerRequests($prefix: String) {
    auditEvents(first: 20, where: { action: [REQUEST_PARTNER], actorKeyPrefix: $prefix }) {
      totalCount
      edges {
        node {
          action
          at
          actor
          actorKey {
            prefix
            role
          }
          entity
          entityId
          after
          requestId
        }
      }
    }
  }
`);

async function partnerEvents() {
  const r = await t.query(PartnerRequests, { prefix: t.keys.PARTNER.split("_")[1]! }, { key: t.keys.ADMIN });
  expect(r.errors).toBeUndefined();
  return r.data!.auditEvents;
}

describe("every research partner's request is recorded", () => {
  test("with the operation's hash, the time, the key, the variables and the outcome", async () => {
    const before = (await partnerEvents()).totalCount;
    const query = `query Deaths($fy: String!) { nationalStats(period: { financialYear: $fy }) { deaths { value } } }`;
    const started = new Date();
    const response = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.keys.PARTNER}` },
      body: JSON.stringify({ query, variables: { fy: "2007-08" }, operationName: "Deaths" }),
    });
    expect(response.status).toBe(200);
    const events = await partnerEvents();
    expect(events.totalCount).toBe(before! + 1);
    const event = events.edges[0]!.node;
    expect(event).toMatchObject({
      action: "REQUEST_PARTNER",
      actor: "test PARTNER",
      actorKey: { prefix: t.keys.PARTNER.split("_")[1], role: "PARTNER" },
      entity: "Operation",
      entityId: sha256(query),
    });
    expect(JSON.parse(event.after!)).toEqual({
      operationName: "Deaths",
      outcome: "ok",
      status: 200,
      variables: { fy: "2007-08" },
      document: "query Deaths($fy: String!) {\n  nationalStats(period: {financialYear: $fy}) {\n    deaths {\n      value\n    }\n  }\n}",
    });
    expect(new Date(event.at).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("refused ones too, with the codes they got", async () => {
    await t.query(`{ nationalStats(period: { from: "2007-04-01", to: "2007-04-02" }) { deaths { value } } }`, {}, { key: t.keys.PARTNER });
    await t.query(`{ reviews(first: 1) { totalCount } }`, {}, { key: t.keys.PARTNER });
    await t.query(`{ regoins { totalCount } }`, {}, { key: t.keys.PARTNER });
    const outcomes = (await partnerEvents()).edges.slice(0, 3).map((e) => JSON.parse(e.node.after!).outcome);
    // Newest first: a misspelt field, a case-level field (outside the partner's schema), a period not one year.
    expect(outcomes).toEqual(["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_VALIDATION_FAILED", "FORBIDDEN"]);
  });

  test("other roles' reads are not (their writes are)", async () => {
    const count = () => t.database.db.auditEvent.count({ where: { action: "request.partner" } });
    const before = await count();
    await t.query(`{ viewer { role } }`, {}, { key: t.keys.ANALYST });
    await t.query(`{ viewer { role } }`, {}, { key: t.keys.STEWARD });
    expect(await count()).toBe(before);
  });

  test("when the record cannot be written, the partner gets 503 and no data", async () => {
    const db = t.database.db;
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"`);
    try {
      const r = await t.query(`{ nationalStats(period: { financialYear: "2007-08" }) { deaths { value } } }`, {}, { key: t.keys.PARTNER });
      expect(r.status).toBe(503);
      expect(r.data ?? null).toBeNull();
      expect(r.errors).toEqual([
        {
          message: "The request could not be recorded in the audit log, so it is not answered; try again later.",
          extensions: { code: "SERVICE_UNAVAILABLE", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        },
      ]);
      // An analyst is answered meanwhile: only partners' reads are recorded.
      expect((await t.query(`{ viewer { role } }`, {}, { key: t.keys.ANALYST })).status).toBe(200);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "AuditEventAway" RENAME TO "AuditEvent"`);
    }
  });
});

/** The newest `n` rows of the test partner's requests, oldest first, with `after` read. */
async function lastPartnerRows(n: number) {
  const edges = (await partnerEvents()).edges.slice(0, n).reverse();
  return edges.map((e) => ({ entityId: e.node.entityId, ...(JSON.parse(e.node.after!) as Record<string, unknown>) }));
}

const partnerRowCount = () => t.database.db.auditEvent.count({ where: { action: "request.partner" } });

/** Sends a request as it comes (any method, body and headers) and reads the answer. */
async function send(init: { method?: string; search?: string; body?: string; key?: string | null; headers?: Record<string, string> }) {
  const headers: Record<string, string> = { ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers };
  const key = init.key === undefined ? t.keys.PARTNER : init.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${t.url}${init.search ?? ""}`, { method: init.method ?? "POST", headers, body: init.body });
  const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, ...body };
}

const STATS_2007 = `{ nationalStats(period: { financialYear: "2007-08" }) { deaths { value } } }`;
const STATS_2007_PRINTED = `{\n  nationalStats(period: {financialYear: "2007-08"}) {\n    deaths {\n      value\n    }\n  }\n}`;

describe("every research partner's request leaves a row, whatever happens to it", () => {
  test("a request that runs out of time is answered with the time-limit error and recorded (the row is not written through the request's own time-limited client)", async () => {
    // A limit of 0 ms: the request's first statement finds its deadline passed, as a 10 s request does after 10 s.
    const server = await startServer({ database: t.serverDatabase, port: 0, host: "127.0.0.1", requestTimeLimitMs: 0 });
    try {
      const before = await partnerRowCount();
      const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${t.keys.PARTNER}` },
        body: JSON.stringify({ query: STATS_2007 }),
      });
      const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(response.status).toBe(200);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", limit: { name: "requestTime", max: 0 } });
      expect(await partnerRowCount()).toBe(before + 1);
      expect(await lastPartnerRows(1)).toEqual([
        {
          entityId: sha256(STATS_2007),
          operationName: null,
          outcome: "SERVICE_UNAVAILABLE",
          status: 200,
          variables: null,
          document: STATS_2007_PRINTED,
        },
      ]);
    } finally {
      await server.stop();
    }
  });

  test("refused before execution (syntax, validation, paging, period, role), each with its code, status and document", async () => {
    const cases = [
      { query: `{ nationalStats(`, status: 400, outcome: "GRAPHQL_PARSE_FAILED", document: `{ nationalStats(` },
      { query: `{ regoins { totalCount } }`, status: 400, outcome: "GRAPHQL_VALIDATION_FAILED", document: `{\n  regoins {\n    totalCount\n  }\n}` },
      {
        query: `{ regions(first: 101) { totalCount } }`,
        status: 400,
        outcome: "BAD_USER_INPUT",
        document: `{\n  regions(first: 101) {\n    totalCount\n  }\n}`,
      },
      {
        query: `{ nationalStats(period: { from: "2007-04-01", to: "2007-04-02" }) { deaths { value } } }`,
        status: 403,
        outcome: "FORBIDDEN",
        document: `{\n  nationalStats(period: {from: "2007-04-01", to: "2007-04-02"}) {\n    deaths {\n      value\n    }\n  }\n}`,
      },
    ];
    const before = await partnerRowCount();
    for (const c of cases) expect((await send({ body: JSON.stringify({ query: c.query }) })).status).toBe(c.status);
    expect(await partnerRowCount()).toBe(before + cases.length);
    expect(await lastPartnerRows(cases.length)).toEqual(
      cases.map((c) => ({
        entityId: sha256(c.query),
        operationName: null,
        outcome: c.outcome,
        status: c.status,
        variables: null,
        document: c.document,
      })),
    );
  });

  test("refused for the document's own limits before the key is read: recorded once the key turns out to be a partner's", async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    // 16,385 bytes: one more than the document limit; the row keeps the first 16,384.
    const oversized = `{ __typename }\n#${"x".repeat(16 * 1024 - 15)}`;
    expect(Buffer.byteLength(oversized)).toBe(16 * 1024 + 1);
    const before = await partnerRowCount();
    expect((await send({ body: JSON.stringify({ query: aliases }) })).status).toBe(400);
    expect((await send({ body: JSON.stringify({ query: oversized }) })).status).toBe(413);
    expect((await send({ body: JSON.stringify([{ query: "{ __typename }" }]) })).status).toBe(400);
    expect(await partnerRowCount()).toBe(before + 3);
    expect(await lastPartnerRows(3)).toEqual([
      {
        entityId: sha256(aliases),
        operationName: null,
        outcome: "QUERY_LIMIT_EXCEEDED",
        status: 400,
        variables: null,
        document: `{\n${Array.from({ length: 31 }, (_, i) => `  a${i}: __typename\n`).join("")}}`,
      },
      {
        entityId: sha256(oversized),
        operationName: null,
        outcome: "QUERY_LIMIT_EXCEEDED",
        status: 413,
        variables: null,
        document: oversized.slice(0, 16 * 1024),
        documentTruncated: true,
      },
      // A batch has no one document: the row keeps the body as sent.
      {
        entityId: sha256(`[{"query":"{ __typename }"}]`),
        operationName: null,
        outcome: "QUERY_LIMIT_EXCEEDED",
        status: 400,
        variables: null,
        document: `[{"query":"{ __typename }"}]`,
      },
    ]);
  });

  test("refused by HTTP itself (a body that is not JSON, a GET without the CSRF preflight header), recorded with what could be read", async () => {
    const before = await partnerRowCount();
    expect((await send({ body: `{"query": "{ __typename }"` })).status).toBe(400);
    const get = await send({ method: "GET", search: `?query=${encodeURIComponent("{ __typename }")}` });
    expect(get.status).toBe(400);
    expect(get.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expect(await partnerRowCount()).toBe(before + 2);
    expect(await lastPartnerRows(2)).toEqual([
      { entityId: null, operationName: null, outcome: "BAD_REQUEST", status: 400, variables: null, document: null },
      {
        entityId: sha256("{ __typename }"),
        operationName: null,
        outcome: "BAD_REQUEST",
        status: 400,
        variables: null,
        document: "{\n  __typename\n}",
      },
    ]);
  });

  test("failed in execution (an internal error), recorded with its code", async () => {
    const db = t.database.db;
    const query = `{ regions(first: 1) { totalCount } }`;
    await db.$executeRawUnsafe(`ALTER TABLE "Region" RENAME TO "RegionAway"`);
    try {
      const r = await send({ body: JSON.stringify({ query }) });
      expect(r.errors?.[0]?.extensions?.code).toBe("INTERNAL");
      expect(await lastPartnerRows(1)).toEqual([
        {
          entityId: sha256(query),
          operationName: null,
          outcome: "INTERNAL",
          status: 200,
          variables: null,
          document: `{\n  regions(first: 1) {\n    totalCount\n  }\n}`,
        },
      ]);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "RegionAway" RENAME TO "Region"`);
    }
  });

  test("other keys' refused documents leave no row, and a partner's is not answered when its row cannot be written", async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const before = await partnerRowCount();
    expect((await send({ body: JSON.stringify({ query: aliases }), key: t.keys.ANALYST })).status).toBe(400);
    expect((await send({ body: JSON.stringify({ query: aliases }), key: "scr_unknown_key" })).status).toBe(400);
    expect((await send({ body: JSON.stringify({ query: aliases }), key: null })).status).toBe(400);
    expect(await partnerRowCount()).toBe(before);
    const db = t.database.db;
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"`);
    try {
      const refused = await send({ body: JSON.stringify({ query: aliases }) });
      expect(refused.status).toBe(503);
      expect(refused.errors).toEqual([
        {
          message: "The request could not be recorded in the audit log, so it is not answered; try again later.",
          extensions: { code: "SERVICE_UNAVAILABLE", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        },
      ]);
      // An analyst's refusal is answered meanwhile.
      expect((await send({ body: JSON.stringify({ query: aliases }), key: t.keys.ANALYST })).status).toBe(400);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "AuditEventAway" RENAME TO "AuditEvent"`);
    }
  });

  test("a refusal whose key cannot be looked up (the database failing) is not answered either: it may be a partner's", async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const db = t.database.db;
    // The partner's key, verified by the tests above, is held for KEY_CACHE_TTL_MS; past that it is looked up.
    skew += KEY_CACHE_TTL_MS;
    await db.$executeRawUnsafe(`ALTER TABLE "ApiKey" RENAME TO "ApiKeyAway"`);
    try {
      const refused = await send({ body: JSON.stringify({ query: aliases }) });
      expect(refused.status).toBe(503);
      expect(refused.errors?.[0]?.message).toBe("The request could not be recorded in the audit log, so it is not answered; try again later.");
      // With no key there is nothing to look up: the refusal is answered.
      expect((await send({ body: JSON.stringify({ query: aliases }), key: null })).status).toBe(400);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "ApiKeyAway" RENAME TO "ApiKey"`);
    }
  });
});

describe("the log is append-only in the database itself", () => {
  test("UPDATE and DELETE of an entry are refused, through raw SQL and through the client", async () => {
    const db = t.database.db;
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actor" = 'someone else' WHERE "id" = ${event.id}`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "id" = ${event.id}`)).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { actor: "someone else" } })).rejects.toThrow();
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });
});

test("only ADMIN reads the log, filtered and newest first", async () => {
  const r = await t.query<{ auditEvents: { totalCount: number; edges: { node: { action: string } }[] } }, Record<string, never>>(
    `{ auditEvents(first: 3, where: { action: [KEY_CREATE] }) { totalCount edges { node { action } } } }`,
    {},
    { key: t.keys.ADMIN },
  );
  // startTestServer created one key per role.
  expect(r.data?.auditEvents.totalCount).toBe(4);
  expect(r.data?.auditEvents.edges.map((e) => e.node.action)).toEqual(["KEY_CREATE", "KEY_CREATE", "KEY_CREATE"]);
  for (const role of ["STEWARD", "ANALYST"] as const) {
    const refused = await t.query(`{ auditEvents(first: 1) { totalCount } }`, {}, { key: t.keys[role] });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toBe(`Query.auditEvents needs the ADMIN role; this key's role is ${role}.`);
  }
  const partner = await t.query(`{ auditEvents(first: 1) { totalCount } }`, {}, { key: t.keys.PARTNER });
  expect(partner.errors?.[0]?.message).toBe('Cannot query field "auditEvents" on type "Query".');
});
