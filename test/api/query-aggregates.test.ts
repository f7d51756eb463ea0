// Aggregates on connections: count and sum/avg/min/max of days and populations over the filtered list (not the
// page), root and nested. Expected figures are worked out by hand from test/helpers/query-fixture.ts.
import { data, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const SUMMARY = "{ count sum avg min max }";

test("days to complete and to evaluate over all reviews, whatever the page", async () => {
  const d = await data(t, `{ reviews(first: 1) { totalCount aggregates { count daysToComplete ${SUMMARY} daysToEvaluate ${SUMMARY} } } }`);
  expect(d.reviews.totalCount).toBe(6);
  // Completed: RV1 122, RV2 198, RV3 121, RV4 122, RV6 86; evaluated: RV1 44, RV2 60, RV4 30, RV6 71.
  expect(d.reviews.aggregates).toEqual({
    count: 6,
    daysToComplete: { count: 5, sum: 649, avg: 129.8, min: 86, max: 198 },
    daysToEvaluate: { count: 4, sum: 205, avg: 51.25, min: 30, max: 71 },
  });
});

test("aggregates follow the filter", async () => {
  const d = await data(
    t,
    `{ reviews(where: { board: { region: { code: { eq: "E12000002" } } } }) { totalCount aggregates { count daysToComplete ${SUMMARY} } } }`,
  );
  // North West: RV3 121, RV4 122 (board C), RV6 86 (board D).
  expect(d.reviews.aggregates).toEqual({ count: 3, daysToComplete: { count: 3, sum: 329, avg: 329 / 3, min: 86, max: 122 } });
});

test("days to notify and to decide over incidents (the pending one has no decision)", async () => {
  const d = await data(t, `{ incidents { aggregates { count daysToNotify ${SUMMARY} daysToDecision ${SUMMARY} } } }`);
  expect(d.incidents.aggregates).toEqual({
    count: 9,
    daysToNotify: { count: 9, sum: 39, avg: 39 / 9, min: 0, max: 14 },
    daysToDecision: { count: 8, sum: 128, avg: 16, min: 8, max: 30 },
  });
});

test("child population over boards and regions for a mid-year; none where there is no estimate", async () => {
  const d = await data(
    t,
    `{ boards { aggregates { count childPopulation(year: 2007) ${SUMMARY} none: childPopulation(year: 2009) ${SUMMARY} } }
       regions { aggregates { count childPopulation(year: 2007) ${SUMMARY} } } }`,
  );
  expect(d.boards.aggregates).toEqual({
    count: 4,
    childPopulation: { count: 4, sum: 65_000, avg: 16_250, min: 5_000, max: 30_000 },
    none: { count: 0, sum: null, avg: null, min: null, max: null },
  });
  // North East 10000 + 20000, North West 30000 + 5000; London has no boards, so no estimate.
  expect(d.regions.aggregates).toEqual({ count: 3, childPopulation: { count: 2, sum: 65_000, avg: 32_500, min: 30_000, max: 35_000 } });
});

test("nested: each board's reviews, summarised per board", async () => {
  const d = await data(
    t,
    `{ boards(orderBy: [{ field: CODE }]) { edges { node { name reviews { totalCount aggregates { daysToComplete { count sum avg } } } } } } }`,
  );
  expect(d.boards.edges.map((e: Json) => [e.node.name, e.node.reviews.totalCount, e.node.reviews.aggregates.daysToComplete])).toEqual([
    ["Alpha LSCB", 2, { count: 1, sum: 122, avg: 122 }],
    ["Beta_1 LSCB", 1, { count: 1, sum: 198, avg: 198 }],
    ["Betax1 LSCB", 2, { count: 2, sum: 243, avg: 121.5 }],
    ["Ðelta LSCB", 1, { count: 1, sum: 86, avg: 86 }],
  ]);
});

test("reviews per author (a review chaired and written by one author counts once)", async () => {
  const d = await data(t, `{ authors { aggregates { count reviews ${SUMMARY} } } }`);
  expect(d.authors.aggregates).toEqual({ count: 3, reviews: { count: 3, sum: 7, avg: 7 / 3, min: 2, max: 3 } });
});

test("findings: count", async () => {
  const d = await data(t, `{ findings(where: { source: { eq: EVALUATION } }) { totalCount aggregates { count } } }`);
  expect(d.findings).toEqual({ totalCount: 4, aggregates: { count: 4 } });
});
