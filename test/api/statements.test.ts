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

/** Statements a query ran, leaving out the per-request key lookup. */
async function statementsFor(query: string): Promise<string[]> {
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

test("two periods in one request: one set of grouped statements each, shared by every board", async () => {
  const one = await statementsFor(
    `{ boards(first: 100) { edges { node { a: stats(period: { financialYear: "2007-08" }) { deaths { value } } } } } }`,
  );
  const two = await statementsFor(
    `{ boards(first: 100) { edges { node { a: stats(period: { financialYear: "2007-08" }) { deaths { value } } b: stats(period: { financialYear: "2008-09" }) { deaths { value } } } } } }`,
  );
  // Less the boards page itself (one statement) and the sources' coverage, read once per request.
  const perPeriod = one.length - 2;
  expect(two.length).toBe(2 + 2 * perPeriod);
});
