// The SQL a request issues is bounded by the shape of the query, never by page size or row count: a list with
// its nested relations, lists, counts and aggregates is one statement (the compiled read path), counts alone one
// GROUP BY, and a group-by is one GROUP BY statement. Statements are recorded from the Prisma client's query
// events on the seeded database.
import { data } from "../helpers/query";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

/** The statements a query ran, leaving out the per-request key lookup. */
async function statementsFor(query: string): Promise<string[]> {
  const { result, sql } = await t.statements(() => t.query(query));
  expect(result.errors).toBeUndefined();
  return withoutAuthentication(sql);
}

// Expected counts: a root list's page, with everything below it, is one statement.
test.each([
  ["boards → region", 1, (n: number) => `{ boards(first: ${n}) { totalCount edges { node { code region { code name } } } } }`],
  [
    "reviews (filtered, sorted by grade) → evaluation, findings, authors → author",
    1,
    (
      n: number,
    ) => `{ reviews(first: ${n}, where: { evaluation: { grade: { isNull: false } } }, orderBy: [{ field: EVALUATION_GRADE }, { field: BOARD_NAME }]) {
        totalCount aggregates { daysToComplete { avg } } edges { node { reference evaluation { grade } findings { category } authors { role author { reference } } } } } }`,
  ],
  [
    "boards → reviews (nested, filtered, with counts and aggregates) → evaluation",
    1,
    (n: number) => `{ boards(first: ${n}, orderBy: [{ field: REVIEW_COUNT, direction: DESC }]) { edges { node { name
        reviews(first: 3, where: { initiatedOn: { financialYear: "2007-08" } }, orderBy: [{ field: DAYS_TO_COMPLETE, direction: DESC }]) {
          totalCount aggregates { daysToComplete { avg max } } edges { node { reference evaluation { grade } } } } } } } }`,
  ],
  [
    "regions → boards → incidents",
    1,
    (n: number) =>
      `{ regions { edges { node { boards(first: ${Math.min(n, 40)}) { totalCount edges { node { incidents(first: 5, where: { qualifying: true }) { totalCount edges { node { nature } } } } } } } } } }`,
  ],
  [
    "incident groups by board → board → region",
    3,
    (n: number) =>
      `{ incidentGroups(by: [BOARD, FINANCIAL_YEAR], first: ${n}) { groups { board { name region { name } } financialYear count { value } } } }`,
  ],
])("%s: the same statements for 10 and for 100 (%i)", async (_name, expected, query) => {
  const small = await statementsFor(query(10));
  const large = await statementsFor(query(100));
  expect(large.length).toBe(small.length);
  expect(small.length).toBe(expected);
});

test("totalCount and every aggregate of a list share one statement", async () => {
  const sql = await statementsFor(
    `{ reviews(where: { board: { region: { name: { eq: "London" } } } }) { totalCount aggregates { count daysToComplete { sum avg min max } daysToEvaluate { avg } } } }`,
  );
  expect(sql).toHaveLength(1);
  expect(sql[0]).toMatch(/GROUP BY/);
  expect(sql[0]).toMatch(/SUM\("m0"\)/);
});

test("a group-by is one GROUP BY statement that returns the groups, not the rows", async () => {
  const { result, sql } = await t.statements(() =>
    t.query(
      `{ reviewGroups(by: [EVALUATION_GRADE, FINANCIAL_YEAR], date: EVALUATED_ON) { totalCount groups { grade financialYear count { value } daysToComplete { avg } } } }`,
    ),
  );
  const own = sql.filter((s) => !/ApiKey/.test(s));
  expect(own).toHaveLength(1);
  expect(own[0]).toMatch(/GROUP BY "d0","d1"/);
  const groups = (result.data as { reviewGroups: { totalCount: number } }).reviewGroups;
  expect(groups.totalCount).toBeLessThan(40);
});

test("a page needs no count statement unless totalCount or aggregates are asked for, and counts alone need no page", async () => {
  expect(await statementsFor(`{ reviews(first: 5) { edges { node { reference } } } }`)).toHaveLength(1);
  expect(await statementsFor(`{ reviews { totalCount } }`)).toHaveLength(1);
});

test("the seed's numbers agree: groups sum to the list's count, and the largest group is the list filtered to it", async () => {
  const d = await data(
    t,
    `{ incidents(where: { notifiedOn: { financialYear: "2007-08" } }) { totalCount }
       incidentGroups(by: [REGION], where: { notifiedOn: { financialYear: "2007-08" } }, orderBy: [{ field: COUNT, direction: DESC }]) {
         groups { region { code name } count { value } } } }`,
  );
  const groups = d.incidentGroups.groups as { region: { code: string; name: string }; count: { value: number } }[];
  // A4: 56 in the North West (the most), 17 in the East Midlands (the fewest), 299 in all.
  expect(groups.reduce((s, g) => s + g.count.value, 0)).toBe(d.incidents.totalCount);
  expect(d.incidents.totalCount).toBe(299);
  expect(groups[0]).toEqual({ region: { code: "E12000002", name: "North West" }, count: { value: 56 } });
  expect(groups[groups.length - 1]).toEqual({ region: { code: "E12000004", name: "East Midlands" }, count: { value: 17 } });
});

test("paging forward and backward through 400-odd incidents sorted with many ties gives the same rows, none twice", async () => {
  const q = `query($first: Int, $after: String, $last: Int, $before: String) {
    incidents(where: { notifiedOn: { financialYear: "2008-09" } }, orderBy: [{ field: REGION_NAME }, { field: NATURE }], first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { reference } } } }`;
  type Page = {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    edges: { node: { reference: string } }[];
  };
  const forward: string[] = [];
  let total = 0;
  for (let after: string | null = null, more = true; more;) {
    const page: Page = (await data(t, q, { first: 100, after })).incidents;
    forward.push(...page.edges.map((e) => e.node.reference));
    total = page.totalCount;
    more = page.pageInfo.hasNextPage;
    after = page.pageInfo.endCursor;
  }
  const backward: string[] = [];
  for (let before: string | null = null, more = true; more;) {
    const page: Page = (await data(t, q, { last: 100, before })).incidents;
    backward.unshift(...page.edges.map((e) => e.node.reference));
    more = page.pageInfo.hasPreviousPage;
    before = page.pageInfo.startCursor;
  }
  expect(total).toBeGreaterThan(300);
  expect(forward).toHaveLength(total);
  expect(new Set(forward).size).toBe(total);
  expect(backward).toEqual(forward);
});
