// The audit log through the real HTTP server: every research partner's request recorded (operation hash, time,
// key, outcome), refused ones too; nothing answered when the record cannot be written; ADMIN reads it; and the
// database refuses to change or delete an entry.
import { createHash } from "node:crypto";
import { graphql } from "../gql";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const PartnerRequests = graphql(`
  query PartnerRequests($prefix: String) {
    auditEvents(first: 20, where: { action: [REQUEST_PARTNER], actorKeyPrefix: $prefix }) {
      totalCount
      edges { node { action at actor actorKey { prefix role } entity entityId after requestId } }
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
    expect(JSON.parse(event.after!)).toEqual({ operationName: "Deaths", outcome: "ok", variables: { fy: "2007-08" } });
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
