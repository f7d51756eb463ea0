// Medians and percentiles of the duration measures, in connection aggregates and in group-by, exact on both
// databases. The method (src/domain/percentile.ts): with n values sorted, percentile p lies at position
// (n - 1) × p / 100 counting the smallest as 0, interpolated linearly between the values either side.
// Every expected number is worked out by hand from test/helpers/query-fixture.ts:
//   reviews' days to complete (completed ones): RV6 86, RV3 121, RV1 122, RV4 122, RV2 198 (n = 5, a tie)
//   reviews' days to evaluate: RV4 30, RV1 44, RV2 60, RV6 71 (n = 4)
//   incidents' days to decision: I4 8, I3 10, I9 14, I7 15, I5 16, I8 17, I1 18, I2 30 (n = 8; I6 pending)
import { data, failure, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

/** `percentiles` as a map from p to value. */
const byAt = (list: { at: number; value: number | null }[]) => Object.fromEntries(list.map((p) => [p.at, p.value]));

test("median and the default percentiles (25, 50, 75, 90) over a list: odd count with a tie, and even count", async () => {
  const d = await data(
    t,
    `{ reviews(first: 1) { aggregates { daysToComplete { count median percentiles { at value } } daysToEvaluate { count median percentiles { at value } } } } }`,
  );
  const { daysToComplete, daysToEvaluate } = d.reviews.aggregates;
  // n = 5: p25 at position 1 (121), the median at 2 (122, one of the tie), p75 at 3 (122),
  // p90 at 3.6: 122 + 0.6 × (198 - 122) = 167.6.
  expect(daysToComplete.count).toBe(5);
  expect(daysToComplete.median).toBe(122);
  expect(daysToComplete.percentiles.map((p: Json) => p.at)).toEqual([25, 50, 75, 90]);
  expect(byAt(daysToComplete.percentiles)).toMatchObject({ 25: 121, 50: 122, 75: 122 });
  expect(byAt(daysToComplete.percentiles)[90]).toBeCloseTo(167.6, 10);
  // n = 4: p25 at 0.75: 30 + 0.75 × 14 = 40.5; median at 1.5: (44 + 60) / 2 = 52; p75 at 2.25: 60 + 0.25 × 11 = 62.75;
  // p90 at 2.7: 60 + 0.7 × 11 = 67.7.
  expect(daysToEvaluate.median).toBe(52);
  expect(byAt(daysToEvaluate.percentiles)).toMatchObject({ 25: 40.5, 50: 52, 75: 62.75 });
  expect(byAt(daysToEvaluate.percentiles)[90]).toBeCloseTo(67.7, 10);
});

test("chosen percentiles, in the order asked, including the ends and a fraction of a percent", async () => {
  const d = await data(t, `{ incidents { aggregates { daysToDecision { count percentiles(at: [100, 0, 12.5, 50, 50]) { at value } } } } }`);
  // n = 8 (the pending incident has no decision): p100 = 30, p0 = 8; p12.5 at 0.875: 8 + 0.875 × 2 = 9.75;
  // the median at 3.5: (15 + 16) / 2 = 15.5, given twice as asked.
  expect(d.incidents.aggregates.daysToDecision).toEqual({
    count: 8,
    percentiles: [
      { at: 100, value: 30 },
      { at: 0, value: 8 },
      { at: 12.5, value: 9.75 },
      { at: 50, value: 15.5 },
      { at: 50, value: 15.5 },
    ],
  });
});

test("aliases asking different percentiles of one measure, and a median through a fragment", async () => {
  const d = await data(
    t,
    `fragment Mid on NumberAggregate { median }
     { reviews(where: { board: { code: { eq: "E06000003" } } }) { aggregates {
         low: daysToComplete { percentiles(at: [10]) { value } }
         high: daysToComplete { ...Mid percentiles(at: [90]) { value } } } } }`,
  );
  // Board C: RV3 121, RV4 122 (n = 2): p10 at 0.1 → 121.1; median 121.5; p90 at 0.9 → 121.9.
  expect(d.reviews.aggregates.low.percentiles[0].value).toBeCloseTo(121.1, 10);
  expect(d.reviews.aggregates.high.median).toBe(121.5);
  expect(d.reviews.aggregates.high.percentiles[0].value).toBeCloseTo(121.9, 10);
});

test("one value: every percentile is that value; no value: null", async () => {
  const d = await data(
    t,
    `{ one: reviews(where: { reference: { eq: "RV6" } }) { aggregates { daysToComplete { median percentiles(at: [0, 33.3, 100]) { value } } } }
       none: reviews(where: { reference: { eq: "RV5" } }) { aggregates { daysToComplete { count median percentiles { value } } } } }`,
  );
  expect(d.one.aggregates.daysToComplete).toEqual({ median: 86, percentiles: [{ value: 86 }, { value: 86 }, { value: 86 }] });
  // RV5 is open: no days to complete.
  expect(d.none.aggregates.daysToComplete).toEqual({
    count: 0,
    median: null,
    percentiles: [{ value: null }, { value: null }, { value: null }, { value: null }],
  });
});

test("nested lists: each board's median, and a page with percentiles beside it", async () => {
  const d = await data(
    t,
    `{ boards(orderBy: [{ field: CODE }]) { edges { node { code reviews(first: 1) { edges { node { reference } } aggregates { daysToComplete { median } } } } } } }`,
  );
  // A: RV1 122 (RV5 open); B: RV2 198; C: RV3 121, RV4 122 → 121.5; D: RV6 86.
  expect(d.boards.edges.map((e: Json) => [e.node.code, e.node.reviews.aggregates.daysToComplete.median])).toEqual([
    ["E06000001", 122],
    ["E06000002", 198],
    ["E06000003", 121.5],
    ["E06000004", 86],
  ]);
});

test("the list's percentiles come in the statement of its other aggregates", async () => {
  const { result, sql } = await t.statements(() =>
    t.query(`{ incidents { aggregates { count daysToDecision { avg median percentiles(at: [90]) { value } } daysToNotify { max } } } }`),
  );
  expect(result.errors).toBeUndefined();
  expect(withoutAuthentication(sql)).toHaveLength(1);
  // p90 of days to decision at position 6.3: 18 + 0.3 × 12 = 21.6.
  expect((result.data as Json).incidents.aggregates.daysToDecision.percentiles[0].value).toBeCloseTo(21.6, 10);
});

test("group-by: median and percentiles per group (odd, even, one value, none), in the grouping's statement", async () => {
  const { result, sql } = await t.statements(() =>
    t.query(`{ incidentGroups(by: [BOARD]) { groups { board { code } daysToDecision { count median percentiles(at: [25, 90]) { at value } } } } }`),
  );
  expect(result.errors).toBeUndefined();
  expect(withoutAuthentication(sql)).toHaveLength(2); // the grouping, then the boards by code
  const groups = (result.data as Json).incidentGroups.groups.map((g: Json) => [
    g.board.code,
    g.daysToDecision.count,
    g.daysToDecision.median,
    byAt(g.daysToDecision.percentiles),
  ]);
  // A: 10, 18, 30 → p25 at 0.5: 14; median 18; p90 at 1.8: 18 + 0.8 × 12 = 27.6.
  // B: 8, 16 → p25 at 0.25: 10; median 12; p90 at 0.9: 15.2.
  // C: 14, 15 (I6 pending) → p25 14.25; median 14.5; p90 14.9.  D: 17 alone.
  expect(groups.map((g: Json[]) => g.slice(0, 3))).toEqual([
    ["E06000001", 3, 18],
    ["E06000002", 2, 12],
    ["E06000003", 2, 14.5],
    ["E06000004", 1, 17],
  ]);
  const p = groups.map((g: Json[]) => g[3]);
  expect(p[0][25]).toBe(14);
  expect(p[0][90]).toBeCloseTo(27.6, 10);
  expect(p[1][25]).toBe(10);
  expect(p[1][90]).toBeCloseTo(15.2, 10);
  expect(p[2][25]).toBe(14.25);
  expect(p[2][90]).toBeCloseTo(14.9, 10);
  expect(p[3]).toEqual({ 25: 17, 90: 17 });
});

test("group-by: a group with no value has null percentiles", async () => {
  const d = await data(
    t,
    `{ incidentGroups(by: [DECISION]) { groups { decision count { value } daysToDecision { count median percentiles(at: [75]) { value } } } } }`,
  );
  const pending = d.incidentGroups.groups.find((g: Json) => g.decision === "PENDING");
  expect(pending.daysToDecision).toEqual({ count: 0, median: null, percentiles: [{ value: null }] });
  // SCR_INITIATED: I1 18, I5 16, I7 15, I9 14 → median (15 + 16) / 2; p75 at 2.25: 16 + 0.25 × 2 = 16.5.
  const initiated = d.incidentGroups.groups.find((g: Json) => g.decision === "SCR_INITIATED");
  expect(initiated.daysToDecision).toEqual({ count: 4, median: 15.5, percentiles: [{ value: 16.5 }] });
});

test("group-by of reviews: median days to complete by region", async () => {
  const d = await data(t, `{ reviewGroups(by: [REGION]) { groups { region { code } daysToComplete { median } daysToEvaluate { median } } } }`);
  // North East (A, B): 122, 198 → 160; evaluated 44, 60 → 52. North West (C, D): 86, 121, 122 → 121; evaluated 30, 71 → 50.5.
  expect(d.reviewGroups.groups.map((g: Json) => [g.region.code, g.daysToComplete.median, g.daysToEvaluate.median])).toEqual([
    ["E12000001", 160, 52],
    ["E12000002", 121, 50.5],
  ]);
});

test("the aggregates' median is the Stats median of the same reviews", async () => {
  const d = await data(
    t,
    `{ nationalStats(period: { financialYear: "2007-08" }) { medianDaysToComplete { value denominator } }
       reviews(where: { completedOn: { financialYear: "2007-08" } }) { aggregates { daysToComplete { count median } } } }`,
  );
  // Completed in 2007-08: RV1 122, RV2 198, RV3 121, RV4 122 → (122 + 122) / 2 = 122 by both.
  expect(d.nationalStats.medianDaysToComplete).toEqual({ value: 122, denominator: 4 });
  expect(d.reviews.aggregates.daysToComplete).toEqual({ count: 4, median: 122 });
});

test.each([
  ["above 100", "[25, 120]", "at.1: 120 is not a percentile"],
  ["negative", "[-1]", "at.0: -1 is not a percentile"],
  ["more than four decimal places", "[12.34567]", "at.0: 12.34567 is not a percentile"],
])("a percentile %s is refused with what is allowed", async (_name, at, start) => {
  for (const query of [
    `{ reviews { aggregates { daysToComplete { percentiles(at: ${at}) { value } } } } }`,
    `{ reviewGroups(by: [REGION]) { groups { daysToComplete { percentiles(at: ${at}) { value } } } } }`,
  ]) {
    const f = await failure(t, query);
    expect(f.code).toBe("BAD_USER_INPUT");
    expect(f.message).toBe(`${start}; give a number from 0 to 100 with at most four decimal places (50 is the median)`);
  }
});

test("at most 20 percentiles in one field", async () => {
  const at = JSON.stringify(Array.from({ length: 21 }, (_, i) => i));
  const f = await failure(t, `{ incidents { aggregates { daysToNotify { percentiles(at: ${at}) { value } } } } }`);
  expect(f).toMatchObject({ code: "BAD_USER_INPUT", message: "at: at most 20 percentiles (got 21)" });
});
