// The compiled read path: a root list with its nested relations, lists, counts and aggregates is one SQL
// statement, and answers exactly what the per-list resolvers answer (the rest of the suite pins those answers).
// Both run here on one seeded database: the test server reads lists compiled (the default), a second server on
// the same database reads them with the resolvers.
import fs from "node:fs";
import path from "node:path";
import { type RunningServer, startServer } from "../../src/http/server";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
let before: RunningServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
  before = await startServer({ database: t.serverDatabase, port: 0, host: "127.0.0.1", readPath: "resolvers" });
});
afterAll(async () => {
  await before.stop();
  await t.close();
});

interface Answer {
  body: { data?: unknown; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
  sql: string[];
}

async function ask(url: string, query: string, variables: Record<string, unknown> = {}, key = t.keys.ANALYST): Promise<Answer> {
  const { result, sql } = await t.statements(async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer["body"];
  });
  return { body: result, sql: withoutAuthentication(sql) };
}

/** The compiled answer and the resolvers' answer to the same request. */
async function both(query: string, variables: Record<string, unknown> = {}): Promise<{ compiled: Answer; resolvers: Answer }> {
  const compiled = await ask(t.url, query, variables);
  const resolvers = await ask(`http://127.0.0.1:${before.port}/graphql`, query, variables);
  return { compiled, resolvers };
}

/** Every error's message and path, without the request id that differs between two requests. */
function errorsOf(a: Answer) {
  return a.body.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }));
}

// The analysts' common shapes, each a list with relations, nested lists, counts or aggregates below it.
const ANALYST_QUESTIONS: [string, string][] = [
  [
    "regions → boards → incident counts",
    `{ regions(first: 9) { totalCount edges { cursor node { id code name boards(first: 25) { totalCount edges { node { code name region { code } incidents { totalCount }
       localAuthorities { validFrom validTo localAuthority { gssCode name type } } childPopulations { year children approximate } } } } } } } }`,
  ],
  [
    "100 reviews with board, evaluation, finding categories and authors",
    `{ reviews(first: 100) { totalCount edges { node { reference initiatedOn completedOn board { name region { name } } evaluation { grade receivedOn } incidents { reference nature }
       findings { category source } authors { role author { reference displayName background independent } } agencies { agency cooperated } } } } }`,
  ],
  [
    "incidents filtered by region and period, with aggregates",
    `{ incidents(first: 100, where: { board: { region: { name: { eq: "London" } } }, notifiedOn: { financialYear: "2007-08" } }, orderBy: [{ field: NATURE }, { field: DAYS_TO_NOTIFY, direction: DESC }]) {
       totalCount aggregates { count daysToNotify { count sum avg min max } daysToDecision { avg } }
       edges { cursor node { id reference notifiedOn nature qualifies abuseOrNeglectSuspected board { name } review { reference } } } } }`,
  ],
  [
    "authors with competencies",
    `{ authors(first: 60, orderBy: [{ field: REVIEW_COUNT, direction: DESC }]) { totalCount aggregates { reviews { sum max } }
       edges { node { reference background independent competencies { id area level years attainedOn expiresOn } } } } }`,
  ],
  [
    "boards with a qualifying death but no review, 2007-08",
    fs.readFileSync(path.join(__dirname, "../../docs/queries/q1-boards-with-qualifying-deaths-but-no-scr.graphql"), "utf8"),
  ],
];

test.each(ANALYST_QUESTIONS)("%s: one statement, the same answer as the resolvers", async (_name, query) => {
  const { compiled, resolvers } = await both(query);
  expect(compiled.body.errors).toBeUndefined();
  expect(compiled.body).toEqual(resolvers.body);
  expect(compiled.sql).toHaveLength(1);
  // The resolvers: two statements a page, one a relation below it, one a list's counts.
  expect(resolvers.sql.length).toBeGreaterThan(2);
});

test("the seed's figures come out of the one statement: 299 incidents notified in 2007-08, 56 of them in the North West", async () => {
  const query = `{ regions(orderBy: [{ field: NAME }]) { edges { node { name boards(first: 100) { edges { node { incidents(where: { notifiedOn: { financialYear: "2007-08" } }) { totalCount } } } } } } } }`;
  const { compiled } = await both(query);
  expect(compiled.sql).toHaveLength(1);
  type D = { regions: { edges: { node: { name: string; boards: { edges: { node: { incidents: { totalCount: number } } }[] } } }[] } };
  const regions = (compiled.body.data as D).regions.edges.map((e) => ({
    name: e.node.name,
    incidents: e.node.boards.edges.reduce((s, b) => s + b.node.incidents.totalCount, 0),
  }));
  // The same figures as the anchor A4 (query-statements.test.ts): 299 in all, 56 in the North West, 17 in the East Midlands.
  expect(regions.reduce((s, r) => s + r.incidents, 0)).toBe(299);
  expect(regions.find((r) => r.name === "North West")!.incidents).toBe(56);
  expect(regions.find((r) => r.name === "East Midlands")!.incidents).toBe(17);
  expect(regions.map((r) => r.name)).toEqual([...regions.map((r) => r.name)].sort());
});

test("fragments, aliases, @include and @skip with variables, and __typename are read as graphql-js reads them", async () => {
  const query = `query($withBoards: Boolean!, $skipRegion: Boolean!, $n: Int) {
    list: reviews(first: $n, orderBy: [{ field: EVALUATION_GRADE }, { field: BOARD_NAME, direction: DESC }]) {
      __typename
      edges { node { ...R lead: board { code region @skip(if: $skipRegion) { name } } } }
      pageInfo { hasNextPage endCursor }
      n: totalCount
    }
    regions { edges { node { ... on Region { name } boards(first: 2) @include(if: $withBoards) { edges { node { name } } } } } }
  }
  fragment R on Review { reference ref2: reference evaluation { ... on Evaluation { grade } } findings(source: EVALUATION) { category } }`;
  const variables = { withBoards: false, skipRegion: true, n: 7 };
  const { compiled, resolvers } = await both(query, variables);
  expect(compiled.body.errors).toBeUndefined();
  expect(compiled.body).toEqual(resolvers.body);
  // Two root lists: one statement each.
  expect(compiled.sql).toHaveLength(2);
  type D = { list: { edges: { node: Record<string, unknown> }[] }; regions: { edges: { node: Record<string, unknown> }[] } };
  const d = compiled.body.data as D;
  expect(d.list.edges).toHaveLength(7);
  expect(Object.keys(d.list.edges[0]!.node.lead as object)).toEqual(["code"]);
  expect(Object.keys(d.regions.edges[0]!.node)).toEqual(["name"]);
});

test("paging forward and backward with cursors, at the root and nested, matches the resolvers page for page", async () => {
  const q = `query($first: Int, $after: String, $last: Int, $before: String) {
    boards(first: $first, after: $after, last: $last, before: $before, orderBy: [{ field: REGION_NAME }, { field: INCIDENT_COUNT, direction: DESC }]) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { code reviews(last: 2, orderBy: [{ field: COMPLETED_ON }]) { pageInfo { hasPreviousPage startCursor } edges { node { reference completedOn } } } } } } }`;
  let after: string | null = null;
  const forward: string[] = [];
  for (let more = true; more;) {
    const { compiled, resolvers } = await both(q, { first: 40, after });
    expect(compiled.body).toEqual(resolvers.body);
    expect(compiled.sql).toHaveLength(1);
    const page = (compiled.body.data as { boards: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { code: string } }[] } })
      .boards;
    forward.push(...page.edges.map((e) => e.node.code));
    more = page.pageInfo.hasNextPage;
    after = page.pageInfo.endCursor;
  }
  expect(new Set(forward).size).toBe(forward.length);
  expect(forward.length).toBeGreaterThan(150);
  const { compiled, resolvers } = await both(q, { last: 30, before: null });
  expect(compiled.body).toEqual(resolvers.body);
  const lastPage = (compiled.body.data as { boards: { edges: { node: { code: string } }[] } }).boards.edges.map((e) => e.node.code);
  expect(lastPage).toEqual(forward.slice(-30));
});

test("a stale cursor is refused alike, at the root and in a nested list (where it nulls that list alone)", async () => {
  const reviewCursor = Buffer.from("cursor:Review:999999", "utf8").toString("base64url");
  const root = await both(`query($c: String) { reviews(first: 3, after: $c) { edges { node { reference } } } }`, { c: reviewCursor });
  expect(errorsOf(root.compiled)).toEqual(errorsOf(root.resolvers));
  expect(errorsOf(root.compiled)![0]!.message).toMatch(/that cursor is not an item of this list/);
  const nested = await both(
    `query($c: String) { boards(first: 2) { edges { node { code reviews(first: 1, after: $c) { edges { node { reference } } } } } } }`,
    {
      c: reviewCursor,
    },
  );
  expect(nested.compiled.body.errors).toBeDefined();
  expect(errorsOf(nested.compiled)).toEqual(errorsOf(nested.resolvers));
  expect(nested.compiled.body.data).toEqual(nested.resolvers.body.data);
  expect(nested.compiled.sql).toHaveLength(1);
});

test("a field that selects through relations for its resolver is computed in the one statement, as its resolver answers", async () => {
  // Review.authorsMeetStandard once sent the whole list the resolvers' way; its SQL is registered now
  // (registerRowValue), as are the schema's other such fields: test/api/compiled-fallbacks.test.ts.
  const query = `{ reviews(first: 5) { edges { node { reference authorsMeetStandard } } } }`;
  const { compiled, resolvers } = await both(query);
  expect(compiled.body).toEqual(resolvers.body);
  expect(compiled.sql).toHaveLength(1);
  expect(resolvers.sql.length).toBeGreaterThan(1);
});

test("a research partner's lists are compiled too, inside its own schema, with its figures suppressed as before", async () => {
  const query = `{ regions { edges { node { name boards(first: 30) { totalCount edges { node { name
    stats(period: { financialYear: "2007-08" }) { deaths { value status } reviewsInitiated { value status } } } } } } } } }`;
  // The two servers share the database's Stats cache: a write that changes no figure before each request moves
  // the data's version, so both count the period's Stats afresh and only their lists' statements differ.
  const touch = () => t.database.db.$executeRawUnsafe(`UPDATE "Region" SET "name" = "name" WHERE "id" = (SELECT MIN("id") FROM "Region")`);
  await touch();
  const compiled = await ask(t.url, query, {}, t.keys.PARTNER);
  await touch();
  const resolvers = await ask(`http://127.0.0.1:${before.port}/graphql`, query, {}, t.keys.PARTNER);
  expect(compiled.body.errors).toBeUndefined();
  expect(compiled.body).toEqual(resolvers.body);
  // One statement for the lists, then the period's grouped Stats statements, shared by every board.
  const lists = compiled.sql.filter((s) => /json_/.test(s));
  expect(lists).toHaveLength(1);
  expect(compiled.sql.length).toBe(resolvers.sql.length - 4);
  expect(compiled.sql.some((s) => /AuditEvent/.test(s))).toBe(true);
  type Figure = { value: number | null; status: string };
  type D = { regions: { edges: { node: { boards: { edges: { node: { stats: { deaths: Figure; reviewsInitiated: Figure } } }[] } } }[] } };
  const figures = (compiled.body.data as D).regions.edges.flatMap((r) =>
    r.node.boards.edges.flatMap((b) => [b.node.stats.deaths, b.node.stats.reviewsInitiated]),
  );
  // Small counts are withheld from a partner: some figures have no value, and every withheld one says so.
  const withheld = figures.filter((f) => f.value === null);
  expect(withheld.length).toBeGreaterThan(0);
  expect(withheld.every((f) => f.status !== "SHOWN")).toBe(true);
});

test("case-level lists stay refused to a research partner", async () => {
  // The partner's schema has no Board.reviews nor a reviews list: refused at validation, before any SQL but the
  // partner's audit record.
  const nested = await ask(
    t.url,
    `{ regions { edges { node { boards(first: 3) { edges { node { reviews { totalCount } } } } } } } }`,
    {},
    t.keys.PARTNER,
  );
  expect(nested.body.errors?.[0]?.message).toMatch(/Cannot query field "reviews" on type "Board"/);
  expect(nested.sql.filter((s) => !/AuditEvent/.test(s))).toHaveLength(0);
  const root = await ask(t.url, `{ reviews(first: 1) { edges { node { reference } } } }`, {}, t.keys.PARTNER);
  expect(root.body.errors?.[0]?.message).toMatch(/Cannot query field "reviews" on type "Query"/);
});

test("a document sent again with other variables is answered for those variables (compiled reads are kept per variables)", async () => {
  const query = `query($n: Int, $withBoards: Boolean!) { regions(first: $n, orderBy: [{ field: NAME }]) {
    edges { node { name boards(first: 1) @include(if: $withBoards) { totalCount } } } } }`;
  type Regions = { regions: { edges: { node: { name: string; boards?: { totalCount: number } } }[] } };
  const asked: Regions[] = [];
  for (const variables of [
    { n: 1, withBoards: false },
    { n: 3, withBoards: true },
    { n: 1, withBoards: false },
  ]) {
    const { compiled, resolvers } = await both(query, variables);
    expect(compiled.body).toEqual(resolvers.body);
    expect(compiled.sql).toHaveLength(1);
    asked.push(compiled.body.data as Regions);
  }
  expect(asked.map((a) => a.regions.edges.length)).toEqual([1, 3, 1]);
  expect(asked[0]!.regions.edges[0]!.node.boards).toBeUndefined();
  expect(asked[1]!.regions.edges.every((e) => e.node.boards!.totalCount > 0)).toBe(true);
  expect(asked[2]).toEqual(asked[0]);
});
