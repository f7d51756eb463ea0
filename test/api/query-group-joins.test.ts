// Group-by reads values on related rows (a board's region, a review's evaluation) through joins, and computes
// only the measures the groups show or are sorted by. The statement text proves what was computed (a measure
// absent from the selection leaves its columns out of the SQL); the numbers, worked out by hand from
// test/helpers/query-fixture.ts, prove the joins count each row once and leave absent relations null.
import { data, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

/** The answer and the one GROUP BY statement a group-by query ran. */
async function grouped(query: string): Promise<{ d: Json; sql: string }> {
  const { result, sql } = await t.statements(() => data(t, query));
  const groupBys = sql.filter((s) => /GROUP BY/.test(s));
  expect(groupBys).toHaveLength(1);
  return { d: result, sql: groupBys[0]! };
}

/** A value read by a correlated subquery on the related table (what the joins replace). */
const subqueryOn = (table: string) => new RegExp(`\\(SELECT [^()]*FROM "${table}"`);

describe("incidents by region", () => {
  // Days to notify: North East (boards A, B) I1 8, I2 1, I3 0, I4 2, I5 14; North West (C, D) I6 1, I7 4, I8 4, I9 5.
  test("the region comes through joins, and only the measure selected is computed", async () => {
    const { d, sql } = await grouped(
      `{ incidentGroups(by: [REGION]) { groups { region { name } count { value } daysToNotify { count sum avg min max } } } }`,
    );
    expect(d.incidentGroups.groups).toEqual([
      { region: { name: "North East" }, count: { value: 5 }, daysToNotify: { count: 5, sum: 25, avg: 5, min: 0, max: 14 } },
      { region: { name: "North West" }, count: { value: 4 }, daysToNotify: { count: 4, sum: 14, avg: 3.5, min: 1, max: 5 } },
    ]);
    expect(sql).toMatch(/LEFT JOIN "Board" "t\d+" ON/);
    expect(sql).toMatch(/LEFT JOIN "Region" "t\d+" ON/);
    expect(sql).not.toMatch(subqueryOn("Board"));
    expect(sql).not.toMatch(subqueryOn("Region"));
    expect(sql).toMatch(/"occurredOn"/); // days to notify: occurred → notified
    expect(sql).not.toMatch(/"decisionOn"/); // days to decision, not selected
  });

  test("counts alone compute no measure", async () => {
    const { d, sql } = await grouped(`{ incidentGroups(by: [REGION]) { groups { count { value } } } }`);
    expect(d.incidentGroups.groups.map((g: Json) => g.count.value)).toEqual([5, 4]);
    expect(sql).not.toMatch(/"occurredOn"|"decisionOn"/);
    expect(sql).not.toMatch(/"m0"/);
  });

  test("a measure sorted by but not shown is computed for the sort", async () => {
    // Longest decision: North East I2 30 days, North West I8 17 days (I6 is pending); ascending puts North West first.
    const { d, sql } = await grouped(
      `{ incidentGroups(by: [REGION], orderBy: [{ field: DAYS_TO_DECISION_MAX }]) { groups { region { name } count { value } } } }`,
    );
    expect(d.incidentGroups.groups.map((g: Json) => [g.region.name, g.count.value])).toEqual([
      ["North West", 4],
      ["North East", 5],
    ]);
    expect(sql).toMatch(/"decisionOn"/);
    expect(sql).not.toMatch(/"occurredOn"/);
  });

  test("a measure selected through a fragment is computed", async () => {
    const { d, sql } = await grouped(
      `query { incidentGroups(by: [REGION]) { groups { ...Decided } } } fragment Decided on IncidentGroup { daysToDecision { count sum } }`,
    );
    // Days to decision: North East 18 + 30 + 10 + 8 + 16; North West 15 + 17 + 14 (I6 pending).
    expect(d.incidentGroups.groups.map((g: Json) => g.daysToDecision)).toEqual([
      { count: 5, sum: 82 },
      { count: 3, sum: 46 },
    ]);
    expect(sql).toMatch(/"decisionOn"/);
  });
});

describe("reviews and findings", () => {
  test("reviews by region with days to evaluate: the evaluation joined, reviews without one left in the count", async () => {
    // North East: RV1 44, RV2 60, RV5 not evaluated; North West: RV3 received only, RV4 30, RV6 71.
    const query = (fields: string) => `{ reviewGroups(by: [REGION]) { groups { region { name } count { value } ${fields} } } }`;
    const alone = await grouped(query(`daysToEvaluate { count sum min max }`));
    expect(alone.d.reviewGroups.groups).toEqual([
      { region: { name: "North East" }, count: { value: 3 }, daysToEvaluate: { count: 2, sum: 104, min: 44, max: 60 } },
      { region: { name: "North West" }, count: { value: 3 }, daysToEvaluate: { count: 2, sum: 101, min: 30, max: 71 } },
    ]);
    expect(alone.sql).toMatch(/LEFT JOIN "Evaluation" "t\d+" ON/);
    expect(alone.sql).not.toMatch(/"completedOn"/);
    // With days to complete as well, the figures already shown are unchanged.
    const both = await grouped(query(`daysToEvaluate { count sum min max } daysToComplete { sum }`));
    expect(both.d.reviewGroups.groups.map((g: Json) => g.daysToEvaluate)).toEqual(alone.d.reviewGroups.groups.map((g: Json) => g.daysToEvaluate));
    expect(both.d.reviewGroups.groups.map((g: Json) => g.daysToComplete.sum)).toEqual([122 + 198, 121 + 122 + 86]);
  });

  test("findings by region: three joins (review, its lead board, the board's region), each finding counted once", async () => {
    // RV2 (board B, North East) has 3 findings; RV3 and RV4 (board C, North West) have 1 and 2.
    const { d, sql } = await grouped(`{ findingGroups(by: [REGION, EVALUATION_GRADE]) { groups { region { name } grade count { value } } } }`);
    expect(d.findingGroups.groups.map((g: Json) => [g.region.name, g.grade, g.count.value])).toEqual([
      ["North East", "INADEQUATE", 3],
      ["North West", "INADEQUATE", 2],
      ["North West", null, 1],
    ]);
    // One join to the review, shared by the region's path and the grade's.
    expect(sql.match(/LEFT JOIN "Review"/g)).toHaveLength(1);
    expect(sql).not.toMatch(subqueryOn("Review"));
  });
});

test("authors: reviews per author is counted only when selected", async () => {
  const without = await grouped(`{ authorGroups(by: [INDEPENDENT]) { groups { independent count { value } } } }`);
  expect(without.sql).not.toMatch(/"Authorship"/);
  const withReviews = await grouped(`{ authorGroups(by: [INDEPENDENT]) { groups { independent count { value } reviews { sum } } } }`);
  expect(withReviews.sql).toMatch(/"Authorship"/);
  // AU-2 (not independent) 2 reviews; AU-1 3 and au-3 2 (independent).
  expect(withReviews.d.authorGroups.groups.map((g: Json) => [g.independent, g.count.value, g.reviews.sum])).toEqual([
    [false, 1, 2],
    [true, 2, 5],
  ]);
  expect(without.d.authorGroups.groups.map((g: Json) => g.count.value)).toEqual([1, 2]);
});
