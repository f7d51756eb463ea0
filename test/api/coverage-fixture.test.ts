// Coverage on a small fixture, with every status worked out by hand: one board in force from April 2006 with a
// mid-2010 population of 10,000, a death through abuse or neglect notified in May 2010 and a serious harm in
// November 2010, and nothing else. Stewards then state that notifications and decisions are complete from
// 2006-04-01 to 2010-12-31 and populations for mid-years 2006 to 2010; evaluations are left unstated.
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  const db = t.database.db;
  const region = await db.region.create({ data: { code: "E12000001", name: "North East" } });
  const board = await db.board.create({
    data: { code: "E06000001", dfeCode: "805", name: "Board One LSCB", regionId: region.id, inForceFrom: "2006-04-01" },
  });
  await db.childPopulation.create({ data: { boardId: board.id, year: 2010, children: 10_000, source: "fixture" } });
  const incident = { boardId: board.id, childAgeBand: "UNDER_1" as const, decision: "PENDING" as const };
  await db.incident.createMany({
    data: [
      { ...incident, reference: "I1", occurredOn: "2010-05-01", notifiedOn: "2010-05-10", nature: "DEATH", abuseOrNeglectSuspected: true },
      { ...incident, reference: "I2", occurredOn: "2010-11-15", notifiedOn: "2010-11-20", nature: "SERIOUS_HARM", abuseOrNeglectSuspected: true },
    ],
  });
});
afterAll(() => t.close());

type Figure = { value: number | null; status: string };
type Stats = Record<string, Figure | { count: Figure }[]>;

const FIGURES = `seriousIncidents { value status } deaths { value status } qualifyingDeaths { value status } reviewsInitiated { value status }
  reviewsEvaluated { value status } inadequateShare { value status } deathRate { value status } childPopulation { value status }
  reviewsPerQualifyingDeath { value status } evaluatedByGrade { count { value status } }`;

async function stats(period: string, key = t.keys.ANALYST): Promise<{ england: Stats; region: Stats; board: Stats }> {
  const r = await t.query<{ nationalStats: Stats; region: { stats: Stats }; board: { stats: Stats } }, Record<string, never>>(
    `{ nationalStats(period: ${period}) { ${FIGURES} }
       region(code: "E12000001") { stats(period: ${period}) { ${FIGURES} } }
       board(code: "E06000001") { stats(period: ${period}) { ${FIGURES} } } }`,
    {},
    { key },
  );
  expect(r.errors).toBeUndefined();
  return { england: r.data!.nationalStats, region: r.data!.region.stats, board: r.data!.board.stats };
}

const RECORD = `mutation Record($input: RecordCoverageInput!) {
  recordCoverage(input: $input) {
    coverage { source completeFrom completeTo note recordedBy }
    errors { __typename ... on UserError { message path } }
  }
}`;
type RecordResult = {
  recordCoverage: {
    coverage: { source: string; completeFrom: string; completeTo: string; note: string | null; recordedBy: string } | null;
    errors: { __typename: string; message: string; path: string[] }[];
  };
};
const record = (input: Record<string, unknown>, key = t.keys.STEWARD) =>
  t.query<RecordResult, { input: Record<string, unknown> }>(RECORD, { input }, { key });

async function coverageRows() {
  const r = await t.query<{ coverage: { source: string; completeFrom: string; completeTo: string }[] }, Record<string, never>>(
    "{ coverage { source completeFrom completeTo } }",
  );
  expect(r.errors).toBeUndefined();
  return r.data!.coverage;
}

test("with no coverage stated, figures keep the status their arithmetic gives (FY 2030-31 reads 0, OK)", async () => {
  const { england } = await stats('{ financialYear: "2030-31" }');
  expect(england.seriousIncidents).toEqual({ value: 0, status: "OK" });
  expect(england.deathRate).toEqual({ value: null, status: "NOT_AVAILABLE" }); // no estimate for mid-2030
  expect(await coverageRows()).toEqual([]);
});

test("a steward states coverage; ANALYST and PARTNER keys are refused and change nothing", async () => {
  const analyst = await record({ source: "INCIDENT_NOTIFICATIONS", completeFrom: "2006-04-01", completeTo: "2010-12-31" }, t.keys.ANALYST);
  expect(analyst.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  expect(analyst.errors?.[0]?.message).toBe("Mutation.recordCoverage needs the STEWARD or ADMIN role; this key's role is ANALYST.");
  const partner = await record({ source: "INCIDENT_NOTIFICATIONS", completeFrom: "2006-04-01", completeTo: "2010-12-31" }, t.keys.PARTNER);
  expect(partner.status).toBe(400);
  expect(partner.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  expect(await coverageRows()).toEqual([]);

  const notifications = await record({
    source: "INCIDENT_NOTIFICATIONS",
    completeFrom: "2006-04-01",
    completeTo: "2010-12-31",
    note: "Ofsted's list",
  });
  expect(notifications.errors).toBeUndefined();
  expect(notifications.data!.recordCoverage).toEqual({
    coverage: {
      source: "INCIDENT_NOTIFICATIONS",
      completeFrom: "2006-04-01",
      completeTo: "2010-12-31",
      note: "Ofsted's list",
      recordedBy: "test STEWARD",
    },
    errors: [],
  });
  for (const input of [
    { source: "REVIEW_DECISIONS", completeFrom: "2006-04-01", completeTo: "2010-12-31" },
    { source: "POPULATIONS", completeFrom: "2006-06-30", completeTo: "2010-06-30" },
  ]) {
    expect((await record(input, t.keys.ADMIN)).data!.recordCoverage.errors).toEqual([]);
  }
  expect(await coverageRows()).toEqual([
    { source: "INCIDENT_NOTIFICATIONS", completeFrom: "2006-04-01", completeTo: "2010-12-31" },
    { source: "REVIEW_DECISIONS", completeFrom: "2006-04-01", completeTo: "2010-12-31" },
    { source: "POPULATIONS", completeFrom: "2006-06-30", completeTo: "2010-06-30" },
  ]);
  // The statement is in the audit log, with who made it.
  const events = await t.database.db.auditEvent.findMany({ where: { action: "coverage.record" }, orderBy: { id: "asc" } });
  expect(events.map((e) => [e.actor, e.entityId])).toEqual([
    ["test STEWARD", "INCIDENT_NOTIFICATIONS"],
    ["test ADMIN", "REVIEW_DECISIONS"],
    ["test ADMIN", "POPULATIONS"],
  ]);
});

test("FY 2010-11 runs past the end of notifications and decisions (31 December 2010): PROVISIONAL, never a false drop", async () => {
  // Midpoint 30 September 2010: the mid-2010 population (10,000), inside its coverage.
  for (const unit of Object.values(await stats('{ financialYear: "2010-11" }'))) {
    expect(unit.seriousIncidents).toEqual({ value: 2, status: "PROVISIONAL" });
    expect(unit.deaths).toEqual({ value: 1, status: "PROVISIONAL" });
    expect(unit.qualifyingDeaths).toEqual({ value: 1, status: "PROVISIONAL" });
    expect(unit.reviewsInitiated).toEqual({ value: 0, status: "PROVISIONAL" });
    // 1 qualifying death × 10,000 / 10,000 children.
    expect(unit.deathRate).toEqual({ value: 1, status: "PROVISIONAL" });
    expect(unit.childPopulation).toEqual({ value: 10_000, status: "OK" });
    // 0 reviews / 1 qualifying death: provisional like both its parts.
    expect(unit.reviewsPerQualifyingDeath).toEqual({ value: 0, status: "PROVISIONAL" });
    // Evaluations have no stated coverage: not judged.
    expect(unit.reviewsEvaluated).toEqual({ value: 0, status: "OK" });
    expect(unit.inadequateShare).toEqual({ value: null, status: "NOT_APPLICABLE" });
    expect(unit.evaluatedByGrade).toEqual([0, 0, 0, 0].map(() => ({ count: { value: 0, status: "OK" } })));
  }
});

test("FY 2030-31 lies outside every stated coverage: NOT_AVAILABLE, never a silent zero", async () => {
  for (const unit of Object.values(await stats('{ financialYear: "2030-31" }'))) {
    expect(unit.seriousIncidents).toEqual({ value: null, status: "NOT_AVAILABLE" });
    expect(unit.qualifyingDeaths).toEqual({ value: null, status: "NOT_AVAILABLE" });
    expect(unit.reviewsInitiated).toEqual({ value: null, status: "NOT_AVAILABLE" });
    expect(unit.deathRate).toEqual({ value: null, status: "NOT_AVAILABLE" });
    expect(unit.childPopulation).toEqual({ value: null, status: "NOT_AVAILABLE" });
    expect(unit.reviewsPerQualifyingDeath).toEqual({ value: null, status: "NOT_AVAILABLE" });
    expect(unit.reviewsEvaluated).toEqual({ value: 0, status: "OK" });
  }
});

test("a period inside coverage reads OK; one that ends on its last day too", async () => {
  const { board } = await stats('{ from: "2010-01-01", to: "2010-12-31" }');
  expect(board.seriousIncidents).toEqual({ value: 2, status: "OK" });
  expect(board.deathRate).toEqual({ value: 1, status: "OK" });
  // Starting the day before coverage starts: provisional.
  const before = await stats('{ from: "2006-03-31", to: "2006-12-31" }');
  expect(before.board.seriousIncidents).toEqual({ value: 0, status: "PROVISIONAL" });
});

test("a research partner sees the same statuses, through suppression", async () => {
  const partner = await stats('{ financialYear: "2030-31" }', t.keys.PARTNER);
  expect(partner.england.seriousIncidents).toEqual({ value: null, status: "NOT_AVAILABLE" });
  expect(partner.board.deathRate).toEqual({ value: null, status: "NOT_AVAILABLE" });
  const provisional = await stats('{ financialYear: "2010-11" }', t.keys.PARTNER);
  // 2 is a small count: suppressed, whatever its coverage; 0 is shown, provisional.
  expect(provisional.england.seriousIncidents).toEqual({ value: null, status: "SUPPRESSED" });
  expect(provisional.england.reviewsInitiated).toEqual({ value: 0, status: "PROVISIONAL" });
});

test("bad input is refused with the field at fault, and changes nothing", async () => {
  const before = await coverageRows();
  const reversed = await record({ source: "EVALUATIONS", completeFrom: "2010-12-31", completeTo: "2006-04-01", note: "x".repeat(501) });
  expect(reversed.data!.recordCoverage.coverage).toBeNull();
  expect(reversed.data!.recordCoverage.errors).toEqual([
    {
      __typename: "ValidationFailed",
      message:
        "completeTo (2006-04-01) is before completeFrom (2010-12-31); give the first and last dates for which the records are complete, in that order",
      path: ["input", "completeTo"],
    },
    { __typename: "ValidationFailed", message: "note is 501 characters; at most 500 are allowed", path: ["input", "note"] },
  ]);
  const badDate = await record({ source: "EVALUATIONS", completeFrom: "2010-02-30", completeTo: "2010-12-31" });
  expect(badDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(badDate.errors?.[0]?.message).toMatch(/2010-02-30/);
  const badSource = await record({ source: "ARRESTS", completeFrom: "2006-04-01", completeTo: "2010-12-31" });
  expect(badSource.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(await coverageRows()).toEqual(before);
});
