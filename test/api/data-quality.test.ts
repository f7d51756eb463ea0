// dataQuality on a fixture worked out by hand, judged on 2008-09-01: which records need a steward's attention,
// with both sides of each boundary (a month after notification, the target date, the populations' coverage).
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
const AS_OF = "2008-09-01";

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  const db = t.database.db;
  const region = await db.region.create({ data: { code: "E12000001", name: "North East" } });
  const b1 = await db.board.create({
    data: { code: "E06000001", dfeCode: "805", name: "Board One LSCB", regionId: region.id, inForceFrom: "2006-04-01" },
  });
  const b2 = await db.board.create({
    data: { code: "E06000002", dfeCode: "806", name: "Board Two LSCB", regionId: region.id, inForceFrom: "2006-04-01", inForceTo: "2007-03-31" },
  });
  // Board One has estimates for mid-2006 and mid-2007, not mid-2008; Board Two ended before mid-2007.
  await db.childPopulation.createMany({
    data: [
      { boardId: b1.id, year: 2006, children: 40_000, source: "fixture" },
      { boardId: b1.id, year: 2007, children: 40_000, source: "fixture" },
      { boardId: b2.id, year: 2006, children: 10_000, source: "fixture" },
    ],
  });
  await db.sourceCoverage.create({ data: { source: "POPULATIONS", completeFrom: "2006-06-30", completeTo: "2008-06-30", recordedBy: "test" } });
  const review = {
    leadBoardId: b1.id,
    criteria: "DEATH_ABUSE_NEGLECT" as const,
    methodology: "IMR_OVERVIEW" as const,
    guidanceEdition: "WT2006" as const,
  };
  await db.review.createMany({
    data: [
      { ...review, reference: "R1", initiatedOn: "2008-01-10" }, // target 2008-05-10, open: past target
      { ...review, reference: "R2", initiatedOn: "2008-05-01" }, // target 2008-09-01, not before the day judged
      { ...review, reference: "R3", initiatedOn: "2007-01-01", completedOn: "2007-06-01" }, // never evaluated
      { ...review, reference: "R4", initiatedOn: "2007-01-01", completedOn: "2007-05-01" },
    ],
  });
  const r4 = await db.review.findUniqueOrThrow({ where: { reference: "R4" } });
  await db.evaluation.create({
    data: { reviewId: r4.id, inspectorate: "OFSTED", receivedOn: "2007-06-01", evaluatedOn: "2007-08-01", grade: "GOOD" },
  });
  const incident = { boardId: b1.id, childAgeBand: "UNDER_1" as const, nature: "DEATH" as const, abuseOrNeglectSuspected: true };
  await db.incident.createMany({
    data: [
      { ...incident, reference: "I1", occurredOn: "2008-07-10", notifiedOn: "2008-07-15" }, // PENDING, due 2008-08-15
      { ...incident, reference: "I2", occurredOn: "2008-08-10", notifiedOn: "2008-08-15" }, // due 2008-09-15
      { ...incident, reference: "I3", occurredOn: "2008-07-30", notifiedOn: "2008-08-01" }, // due 2008-09-01: not yet
      { ...incident, reference: "I4", occurredOn: "2007-12-30", notifiedOn: "2008-01-01", decision: "NO_REVIEW", decisionOn: "2008-01-10" },
      {
        ...incident,
        reference: "I5",
        occurredOn: "2007-12-30",
        notifiedOn: "2008-01-01",
        decision: "NO_REVIEW",
        decisionOn: "2008-01-10",
        decisionRationale: "Synthetic: explained",
      },
      {
        ...incident,
        reference: "I6",
        occurredOn: "2007-12-30",
        notifiedOn: "2008-01-01",
        decision: "NO_REVIEW",
        decisionOn: "2008-01-10",
        abuseOrNeglectSuspected: false,
      },
      {
        ...incident,
        reference: "I7",
        occurredOn: "2006-12-30",
        notifiedOn: "2007-01-01",
        withdrawnAt: new Date(),
        withdrawnReason: "duplicate",
        withdrawnBy: "test",
      },
    ],
  });
});
afterAll(() => t.close());

type Issue = { kind: string; reference: string; since: string; reason: string; recordId: string };
async function issues(args: string, key = t.keys.STEWARD) {
  return t.query<{ dataQuality: { edges: { node: Issue }[] } }, Record<string, never>>(
    `{ dataQuality(${args}) { edges { node { kind reference since reason recordId } } } }`,
    {},
    { key },
  );
}

test("every kind of issue, each at the right side of its boundary", async () => {
  const r = await issues(`asOf: "${AS_OF}", first: 50`);
  expect(r.errors).toBeUndefined();
  expect(r.data!.dataQuality.edges.map((e) => [e.node.kind, e.node.reference, e.node.since])).toEqual([
    ["INCIDENT_WITHOUT_DECISION", "I1", "2008-07-15"],
    ["REVIEW_PAST_TARGET", "R1", "2008-05-10"],
    ["REVIEW_NOT_EVALUATED", "R3", "2007-06-01"],
    ["UNEXPLAINED_GAP", "I4", "2008-01-01"],
    ["BOARD_WITHOUT_POPULATION", "E06000001", "2008-06-30"],
  ]);
  expect(r.data!.dataQuality.edges[0]!.node.reason).toBe(
    "Notified on 2008-07-15 and still PENDING on 2008-09-01: no decision about a review more than 1 month after notification.",
  );
  // The link leads to the record.
  const node = await t.query<{ node: { reference: string } | null }, { id: string }>(
    "query ($id: ID!) { node(id: $id) { ... on Incident { reference } } }",
    {
      id: r.data!.dataQuality.edges[3]!.node.recordId,
    },
  );
  expect(node.data!.node).toEqual({ reference: "I4" });
});

test("a day later the boundaries move: I3 is due, R2 is past target", async () => {
  const r = await issues(`asOf: "2008-09-02", kinds: [INCIDENT_WITHOUT_DECISION, REVIEW_PAST_TARGET]`);
  expect(r.data!.dataQuality.edges.map((e) => e.node.reference)).toEqual(["I1", "I3", "R1", "R2"]);
});

test("ANALYST reads it; a research partner's schema has no such field; no key gets 401", async () => {
  const analyst = await issues(`asOf: "${AS_OF}", kinds: [UNEXPLAINED_GAP]`, t.keys.ANALYST);
  expect(analyst.data!.dataQuality.edges.map((e) => e.node.reference)).toEqual(["I4"]);
  const partner = await issues(`asOf: "${AS_OF}"`, t.keys.PARTNER);
  expect(partner.status).toBe(400);
  expect(partner.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  const anonymous = await t.query(`{ dataQuality { edges { node { reference } } } }`, {}, { key: null });
  expect(anonymous.status).toBe(401);
});

test("a day that does not exist is refused as BAD_USER_INPUT, naming it", async () => {
  const r = await t.query(
    "query ($asOf: Date) { dataQuality(asOf: $asOf) { edges { node { reference } } } }",
    { asOf: "2008-02-30" },
    { key: t.keys.STEWARD },
  );
  expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(r.errors?.[0]?.message).toMatch(/2008-02-30/);
});
