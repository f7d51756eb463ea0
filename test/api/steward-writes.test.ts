// A steward's writes through the real HTTP server: versions and conflicts (also under concurrent requests),
// idempotent retries, withdrawal (out of every figure and list), history, and refusals for other roles.
import { startTestServer, type TestServer } from "../helpers/server";
import { createFixture, send } from "../helpers/steward";

let t: TestServer;

const DEATH = {
  reference: "SIN-W-0002",
  boardCode: "E06000001",
  occurredOn: "2007-08-28",
  notifiedOn: "2007-09-01",
  nature: "DEATH",
  abuseOrNeglectSuspected: true,
  childAgeBand: "UNDER_1",
};

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await createFixture(t);
});
afterAll(() => t.close());

interface Change {
  action: string;
  actor: string;
  actorRole: string | null;
  via: string | null;
  before: string | null;
  after: string | null;
}

async function incident(reference: string, key = t.keys.ANALYST) {
  const r = await t.query<
    { incidents: { edges: { node: { id: string; version: number; decision: string; history: Change[] } }[] } },
    { reference: string }
  >(
    `query($reference: String!) { incidents(first: 1, where: { reference: { eq: $reference } }) { edges { node { id version decision history { action actor actorRole via before after } } } } }`,
    { reference },
    { key },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.incidents.edges[0]?.node ?? null;
}

test("an update names the version it read, bumps it, and is recorded with the fields before and after", async () => {
  const created = await send(t, "create", "incident", DEATH);
  expect(created.data!.result).toMatchObject({ __typename: "Incident", version: 1 });
  const updated = await send(t, "update", "incident", { reference: DEATH.reference, version: 1, decision: "NO_REVIEW", decisionOn: "2007-09-20" });
  expect(updated.data!.result).toMatchObject({ __typename: "Incident", version: 2 });

  const row = (await incident(DEATH.reference))!;
  expect(row.decision).toBe("NO_REVIEW");
  expect(row.history.map((h) => [h.action, h.actor, h.actorRole, h.via])).toEqual([
    ["UPDATE", "test STEWARD", "STEWARD", "updateIncident"],
    ["CREATE", "test STEWARD", "STEWARD", "createIncident"],
  ]);
  expect(JSON.parse(row.history[0]!.before!)).toEqual({ decision: "PENDING", decisionOn: null });
  expect(JSON.parse(row.history[0]!.after!)).toEqual({ decision: "NO_REVIEW", decisionOn: "2007-09-20" });
  expect(JSON.parse(row.history[1]!.after!)).toEqual(DEATH);
});

test("an update from a stale version is a VersionConflict naming the current version, and changes nothing", async () => {
  const before = await t.database.db.incident.findUniqueOrThrow({ where: { reference: DEATH.reference } });
  const r = await send(t, "update", "incident", { reference: DEATH.reference, version: 1, decision: "CASE_FILE_AUDIT" });
  expect(r.data!.result).toMatchObject({ __typename: "VersionConflict", currentVersion: 2, yourVersion: 1 });
  expect(await t.database.db.incident.findUniqueOrThrow({ where: { reference: DEATH.reference } })).toEqual(before);
});

test("an update is validated as a whole: a completion after the evaluation's receipt is refused", async () => {
  const r = await send(t, "update", "review", { reference: "SCR-T-EVALD", version: 1, completedOn: "2008-02-10" });
  expect(r.data!.result.__typename).toBe("RecordRejected");
  expect(r.data!.result.problems!.map((p) => [p.path.join("."), p.code])).toEqual([["input.completedOn", "DATE_ORDER"]]);
});

test("an update of a record that does not exist is RecordNotFound", async () => {
  const r = await send(t, "update", "incident", { reference: "SIN-NOPE", version: 1, nature: "DEATH" });
  expect(r.data!.result.__typename).toBe("RecordNotFound");
});

test("two concurrent updates from the same version: one wins, the other is a conflict, nothing is lost", async () => {
  const reference = "SIN-W-0003";
  await send(t, "create", "incident", { ...DEATH, reference });
  const [a, b] = await Promise.all([
    send(t, "update", "incident", { reference, version: 1, childAgeBand: "AGE_1_TO_4" }),
    send(t, "update", "incident", { reference, version: 1, childAgeBand: "AGE_5_TO_9" }),
  ]);
  const kinds = [a.data!.result.__typename, b.data!.result.__typename].sort();
  expect(kinds).toEqual(["Incident", "VersionConflict"]);
  const winner = a.data!.result.__typename === "Incident" ? "AGE_1_TO_4" : "AGE_5_TO_9";
  const loser = a.data!.result.__typename === "Incident" ? b : a;
  expect(loser.data!.result).toMatchObject({ currentVersion: 2, yourVersion: 1 });
  const row = await t.database.db.incident.findUniqueOrThrow({ where: { reference } });
  expect([row.childAgeBand, row.version]).toEqual([winner, 2]);
  const updates = await t.database.db.auditEvent.count({ where: { entity: "Incident", entityId: String(row.id), action: "record.update" } });
  expect(updates).toBe(1);
});

test("a create retried with the same idempotency key applies once and answers the same; a different input with it is refused", async () => {
  const input = { ...DEATH, reference: "SIN-W-0004", idempotencyKey: "retry-0004" };
  const first = await send(t, "create", "incident", input);
  const again = await send(t, "create", "incident", input);
  expect(first.data!.result.__typename).toBe("Incident");
  expect(again.data!.result).toEqual(first.data!.result);
  const row = await t.database.db.incident.findUniqueOrThrow({ where: { reference: "SIN-W-0004" } });
  expect(await t.database.db.auditEvent.count({ where: { action: "record.create", entity: "Incident", entityId: String(row.id) } })).toBe(1);

  const other = await send(t, "create", "incident", { ...input, reference: "SIN-W-0005" });
  expect(other.data!.result.__typename).toBe("IdempotencyKeyReused");
  expect(await t.database.db.incident.count({ where: { reference: "SIN-W-0005" } })).toBe(0);
});

test("concurrent retries with one idempotency key create one record and give both the same answer", async () => {
  const input = { ...DEATH, reference: "SIN-W-0006", idempotencyKey: "race-0006" };
  const answers = await Promise.all([
    send(t, "create", "incident", input),
    send(t, "create", "incident", input),
    send(t, "create", "incident", input),
  ]);
  const ids = new Set(answers.map((a) => a.data!.result.id));
  expect(answers.map((a) => a.data!.result.__typename)).toEqual(["Incident", "Incident", "Incident"]);
  expect(ids.size).toBe(1);
  expect(await t.database.db.incident.count({ where: { reference: "SIN-W-0006" } })).toBe(1);
});

describe("withdrawal", () => {
  const FY = `{ financialYear: "2007-08" }`;
  const figures = async () => {
    const r = await t.query<
      {
        nationalStats: { seriousIncidents: { value: number }; qualifyingDeaths: { value: number }; reviewsEvaluated: { value: number } };
        incidents: { totalCount: number };
        review: { evaluation: { grade: string } | null } | null;
      },
      Record<string, never>
    >(
      `{ nationalStats(period: ${FY}) { seriousIncidents { value } qualifyingDeaths { value } reviewsEvaluated { value } }
         incidents(where: { notifiedOn: { gte: "2007-04-01", lte: "2008-03-31" } }) { totalCount }
         review(reference: "SCR-T-EVALD") { evaluation { grade } } }`,
      {},
    );
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  test("a withdrawn incident and evaluation leave the figures, the lists and node(id), and stay in the history", async () => {
    // FY 2007-08 by hand: the fixture's SIN-T-0001 (a qualifying death notified 2007-05-03) and the qualifying
    // deaths this file created, notified 2007-09-01: SIN-W-0002, -0003, -0004 and -0006. One evaluation (SCR-T-EVALD, 2008-03-01).
    const before = await figures();
    expect(before.nationalStats).toEqual({ seriousIncidents: { value: 5 }, qualifyingDeaths: { value: 5 }, reviewsEvaluated: { value: 1 } });
    expect(before.incidents.totalCount).toBe(5);
    expect(before.review!.evaluation).toEqual({ grade: "GOOD" });
    const row = (await incident("SIN-W-0003"))!;

    const w = await send(t, "withdraw", "incident", { reference: "SIN-W-0003", version: 2, reason: "Notified twice: duplicate of SIN-W-0002." });
    expect(w.data!.result).toMatchObject({
      __typename: "RecordWithdrawn",
      version: 3,
      withdrawnBy: "test STEWARD",
      withdrawnReason: "Notified twice: duplicate of SIN-W-0002.",
    });
    const e = await send(t, "withdraw", "evaluation", { reviewReference: "SCR-T-EVALD", version: 1, reason: "Entered against the wrong review." });
    expect(e.data!.result.__typename).toBe("RecordWithdrawn");

    const after = await figures();
    expect(after.nationalStats).toEqual({ seriousIncidents: { value: 4 }, qualifyingDeaths: { value: 4 }, reviewsEvaluated: { value: 0 } });
    expect(after.incidents.totalCount).toBe(4);
    expect(after.review!.evaluation).toBeNull();
    const node = await t.query<{ node: unknown }, { id: string }>(`query($id: ID!) { node(id: $id) { id } }`, { id: row.id });
    expect(node.data!.node).toBeNull();
    expect(await incident("SIN-W-0003")).toBeNull();

    const events = await t.database.db.auditEvent.findMany({
      where: { entity: "Incident", entityId: String((await t.database.db.incident.findUniqueOrThrow({ where: { reference: "SIN-W-0003" } })).id) },
      orderBy: { id: "desc" },
    });
    expect(events.map((x) => x.action)).toEqual(["record.withdraw", "record.update", "record.create"]);
    expect(JSON.parse(events[0]!.after!)).toMatchObject({ withdrawnReason: "Notified twice: duplicate of SIN-W-0002.", withdrawnBy: "test STEWARD" });
  });

  test("a withdrawn record cannot be updated or withdrawn again, and a new record cannot name it", async () => {
    expect((await send(t, "update", "incident", { reference: "SIN-W-0003", version: 3, nature: "DEATH" })).data!.result.__typename).toBe(
      "RecordNotFound",
    );
    await send(t, "create", "board", { code: "E06000003", dfeCode: "807", name: "Redcar LSCB", regionCode: "E12000001", inForceFrom: "2006-04-01" });
    const w = await send(t, "withdraw", "board", { code: "E06000003", version: 1, reason: "Created by mistake." });
    expect(w.data!.result.__typename).toBe("RecordWithdrawn");
    const r = await send(t, "create", "incident", { ...DEATH, reference: "SIN-W-0009", boardCode: "E06000003" });
    expect(r.data!.result.problems!.map((p) => [p.path.join("."), p.code])).toEqual([["input.boardCode", "WITHDRAWN"]]);
  });

  test("a record others depend on cannot be withdrawn (IN_USE), and the reason is required", async () => {
    const r = await send(t, "withdraw", "board", { code: "E06000001", version: 1, reason: "No longer wanted." });
    expect(r.data!.result.__typename).toBe("RecordRejected");
    expect(r.data!.result.problems![0]).toMatchObject({ path: ["input", "code"], code: "IN_USE" });
    expect(r.data!.result.problems![0]!.message).toMatch(/current incidents/);
    const blank = await send(t, "withdraw", "incident", { reference: "SIN-W-0002", version: 2, reason: " " });
    expect(blank.data!.result.problems!.map((p) => [p.path.join("."), p.code])).toEqual([["input.reason", "REQUIRED"]]);
    expect(await t.database.db.board.findUniqueOrThrow({ where: { code: "E06000001" } })).toMatchObject({ withdrawnAt: null, version: 1 });
  });
});

describe("roles", () => {
  const tables = () =>
    Promise.all([
      t.database.db.incident.findMany({ orderBy: { id: "asc" } }), // A partner's requests are audited by design; no other event may appear.
      t.database.db.auditEvent.count({ where: { action: { not: "request.partner" } } }),
      t.database.db.idempotencyKey.count(),
    ]);

  test("ANALYST is refused every kind of steward mutation with FORBIDDEN, PARTNER finds none in its schema; nothing changes", async () => {
    const before = await tables();
    const attempts = [
      () => send(t, "create", "incident", { ...DEATH, reference: "SIN-W-0010", idempotencyKey: "role" }, t.keys.ANALYST),
      () => send(t, "update", "incident", { reference: "SIN-W-0002", version: 2, nature: "SERIOUS_HARM" }, t.keys.ANALYST),
      () => send(t, "withdraw", "incident", { reference: "SIN-W-0002", version: 2, reason: "x" }, t.keys.ANALYST),
    ];
    for (const attempt of attempts) {
      const r = await attempt();
      expect(r.errors![0]!.extensions!.code).toBe("FORBIDDEN");
      expect(r.errors![0]!.message).toMatch(/STEWARD or ADMIN/);
    }
    for (const verb of ["create", "update", "withdraw"] as const) {
      const r = await send(t, verb, "incident", { reference: "SIN-W-0002" }, t.keys.PARTNER);
      expect(r.status).toBe(400);
      expect(r.data ?? null).toBeNull();
    }
    expect(await tables()).toEqual(before);
  });

  test("ADMIN can do what a steward can; its changes name its role", async () => {
    const r = await send(t, "update", "incident", { reference: "SIN-W-0002", version: 2, childAgeBand: "AGE_16_TO_17" }, t.keys.ADMIN);
    expect(r.data!.result).toMatchObject({ __typename: "Incident", version: 3 });
    expect((await incident("SIN-W-0002"))!.history[0]).toMatchObject({ action: "UPDATE", actor: "test ADMIN", actorRole: "ADMIN" });
  });

  test("a research partner cannot read any record's history or version", async () => {
    const r = await t.query(`{ boards(first: 1) { edges { node { code version history { action } } } } }`, {}, { key: t.keys.PARTNER });
    expect(r.status).toBe(400);
    expect(r.errors!.map((e) => e.message).join(" ")).toMatch(/Cannot query field "version"/);
  });
});
