// A list and what is nested below it is one statement (the compiled read path), Stats its period's grouped
// statements shared by the request: the number of SQL statements a request issues depends on the shape of the
// query, never on the page size.
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";
import { METRICS } from "../../src/domain/metrics";

const EVERY_METRIC =
  METRICS.map((m) => `${m.name} { value }`).join(" ") + " evaluatedByGrade { count { value } } inadequacyReasons { count { value } }";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

/**
 * Statements a query ran, leaving out the per-request key lookup, with nothing of Stats kept from an earlier
 * request: a write that changes no figure first moves the data's version (src/domain/stats-cache.ts).
 */
async function statementsFor(query: string): Promise<string[]> {
  await t.database.db.$executeRawUnsafe(`UPDATE "Region" SET "name" = "name" WHERE "id" = (SELECT MIN("id") FROM "Region")`);
  const { result, sql } = await t.statements(() => t.query(query));
  expect(result.errors).toBeUndefined();
  return withoutAuthentication(sql);
}

test.each([
  ["boards → region", (n: number) => `{ boards(first: ${n}) { totalCount edges { node { code region { code name } } } } }`],
  [
    "reviews → board, evaluation, findings, authors → author",
    (n: number) =>
      `{ reviews(first: ${n}) { totalCount edges { node { reference board { name } evaluation { grade } findings { category } authors { role author { reference competencies { area } } } incidents { reference } } } } }`,
  ],
  [
    "regions → boards → incidents",
    (n: number) =>
      `{ regions { edges { node { boards(first: ${Math.min(n, 40)}) { edges { node { incidents(first: 5) { totalCount edges { node { nature } } } } } } } } } }`,
  ],
  [
    "boards → stats, every metric",
    (n: number) => `{ boards(first: ${n}) { edges { node { stats(period: { financialYear: "2007-08" }) { ${EVERY_METRIC} } } } } }`,
  ],
  [
    "boards filtered and sorted by a figure → stats",
    (n: number) =>
      `{ boards(first: ${n}, where: { stats: { period: { financialYear: "2007-08" }, metric: REVIEW_RATE, value: { gt: 1 } } }, orderBy: [{ stats: { period: { financialYear: "2007-08" }, metric: DEATHS }, direction: DESC }]) { totalCount edges { node { stats(period: { financialYear: "2007-08" }) { reviewRate { value } } } } } }`,
  ],
  [
    "regions → stats and boards → stats, every metric",
    (n: number) =>
      `{ regions { edges { node { stats(period: { financialYear: "2007-08" }) { ${EVERY_METRIC} } boards(first: ${Math.min(n, 40)}) { edges { node { stats(period: { financialYear: "2007-08" }) { ${EVERY_METRIC} } } } } } } } }`,
  ],
])("%s: the same statements for a page of 10 and of 100", async (_name, query) => {
  const small = await statementsFor(query(10));
  const large = await statementsFor(query(100));
  expect(large.length).toBe(small.length);
  // A list with what is nested below it is one statement; Stats adds its period's grouped statements.
  expect(small.length).toBeLessThanOrEqual(14);
});

test("a figure filter and a figure order cost no statement beyond the period's grouped ones, shared with the stats they show", async () => {
  const FY = `period: { financialYear: "2008-09" }`;
  const figure = `{ ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH }`;
  const plain = await statementsFor(`{ boards(first: 100) { totalCount edges { node { stats(${FY}) { reviewsPerQualifyingDeath { value } } } } } }`);
  for (const [where, orderBy] of [
    [`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { lt: 1 } } }`, `[{ stats: ${figure}, direction: DESC }]`],
    [
      `{ OR: [{ stats: { ${FY}, metric: DEATHS, value: { gt: 2 } } }, { stats: { ${FY}, metric: REVIEW_RATE, value: { lt: 1 } } }] }`,
      `[{ stats: ${figure} }]`,
    ],
  ]) {
    const filtered = await statementsFor(
      `{ boards(first: 100, where: ${where}, orderBy: ${orderBy}) { totalCount edges { node { stats(${FY}) { reviewsPerQualifyingDeath { value } } } } } }`,
    );
    expect(filtered.length).toBe(plain.length);
  }
  // Regions the same: their figures are sums of the same per-board counts.
  const regions = await statementsFor(`{ regions { edges { node { stats(${FY}) { reviewRate { value } } } } } }`);
  const sorted = await statementsFor(
    `{ regions(where: { stats: { ${FY}, metric: REVIEW_RATE, value: { gt: 0 } } }, orderBy: [{ stats: { ${FY}, metric: REVIEW_RATE } }]) { edges { node { stats(${FY}) { reviewRate { value } } } } } }`,
  );
  expect(sorted.length).toBe(regions.length);
});

test("two periods in one request: one set of grouped statements each, shared by every board", async () => {
  const one = await statementsFor(
    `{ boards(first: 100) { edges { node { a: stats(period: { financialYear: "2007-08" }) { deaths { value } } } } } }`,
  );
  const two = await statementsFor(
    `{ boards(first: 100) { edges { node { a: stats(period: { financialYear: "2007-08" }) { deaths { value } } b: stats(period: { financialYear: "2008-09" }) { deaths { value } } } } } }`,
  );
  // Less the boards page itself (one statement), the data's version and the sources' coverage, read once per request.
  const perPeriod = one.length - 3;
  expect(two.length).toBe(3 + 2 * perPeriod);
});
