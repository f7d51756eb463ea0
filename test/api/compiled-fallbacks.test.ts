// The selections the compiled read used to hand to the resolvers (a statement or more per list and relation)
// are one statement now: fields computed from a row's relations (Review.authorBackgrounds,
// Review.authorsMeetStandard, Author.meetsMinimumStandard), a list's counts and aggregates without its page,
// and percentiles beside a page. Each answer is compared with the resolvers' (a second server on the same
// seeded database reads lists the old way) and checked against figures recomputed here from other fields.
import { type RunningServer, startServer } from "../../src/http/server";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
let resolversServer: RunningServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
  resolversServer = await startServer({ database: t.serverDatabase, port: 0, host: "127.0.0.1", readPath: "resolvers" });
});
afterAll(async () => {
  await resolversServer.stop();
  await t.close();
});

interface Answer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep into untyped results
  body: { data?: any; errors?: { message: string }[] };
  sql: string[];
}

async function ask(url: string, query: string): Promise<Answer> {
  const { result, sql } = await t.statements(async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as Answer["body"];
  });
  return { body: result, sql: withoutAuthentication(sql) };
}

/** The compiled answer (the server's default read) and the resolvers' answer to the same query. */
async function both(query: string): Promise<{ compiled: Answer; resolvers: Answer }> {
  const compiled = await ask(t.url, query);
  const resolvers = await ask(`http://127.0.0.1:${resolversServer.port}/graphql`, query);
  expect(compiled.body.errors).toBeUndefined();
  expect(compiled.body).toEqual(resolvers.body);
  return { compiled, resolvers };
}

/** A compiled read: one statement that builds JSON. */
function expectOneCompiledStatement(a: Answer): void {
  expect(a.sql).toHaveLength(1);
  expect(a.sql[0]).toMatch(/json_/);
}

const YEAR = `{ initiatedOn: { financialYear: "2007-08" } }`;
/** Half a year of reviews: fewer than a page of 100 in the seed, so a page holds every one. */
const HALF_YEAR = `{ initiatedOn: { gte: "2007-04-01", lte: "2007-09-30" } }`;

test("Review.authorBackgrounds and authorsMeetStandard: one statement, as the resolvers answer, and as the authors and the filter say", async () => {
  const query = `{ reviews(first: 100, where: ${HALF_YEAR}) { totalCount edges { node { reference initiatedOn authorBackgrounds authorsMeetStandard
      authors { role author { background } } } } }
    met: reviews(where: { AND: [${HALF_YEAR}, { authorsMeetStandard: true }] }) { totalCount } }`;
  const { compiled, resolvers } = await both(query);
  // Two root lists, one statement each; the resolvers read the page, its rows, then each relation.
  expect(compiled.sql).toHaveLength(2);
  expect(compiled.sql.every((s) => /json_/.test(s))).toBe(true);
  expect(resolvers.sql.length).toBeGreaterThan(3);
  type Node = { authorBackgrounds: string[]; authorsMeetStandard: boolean; authors: { role: string; author: { background: string } }[] };
  const { reviews, met } = compiled.body.data as { reviews: { totalCount: number; edges: { node: Node }[] }; met: { totalCount: number } };
  expect(reviews.edges).toHaveLength(reviews.totalCount);
  expect(reviews.totalCount).toBeGreaterThan(20);
  for (const { node } of reviews.edges) {
    // The distinct backgrounds of the review's authors, in code-point order.
    expect(node.authorBackgrounds).toEqual([...new Set(node.authors.map((a) => a.author.background))].sort());
  }
  // Every review of the year is on the page, so the flags counted here are the filter's count.
  const flagged = reviews.edges.filter((e) => e.node.authorsMeetStandard).length;
  expect(flagged).toBe(met.totalCount);
  expect(flagged).toBeGreaterThan(0);
  expect(flagged).toBeLessThan(reviews.totalCount);
  // A review with no overview author never meets the standard.
  for (const { node } of reviews.edges) if (!node.authors.some((a) => a.role === "OVERVIEW_AUTHOR")) expect(node.authorsMeetStandard).toBe(false);
});

/** Whole years from `from` to `to` (ISO dates), counted as birthdays are. */
function wholeYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

test("Author.meetsMinimumStandard(at:): one statement, as the resolvers answer, and as the author's competencies say", async () => {
  const at = "2008-06-30";
  const some = `background: { in: [SOCIAL_WORK, POLICE] }`;
  const query = `{ authors(first: 100, where: { ${some} }) { totalCount edges { node { reference independent
      competencies { area level years attainedOn expiresOn }
      on: meetsMinimumStandard(at: "${at}") { on meets shortfalls practiceYears }
      early: meetsMinimumStandard(at: "2005-01-01") { meets } } } }
    met: authors(where: { ${some}, meetsMinimumStandard: { at: "${at}" } }) { totalCount } }`;
  const { compiled, resolvers } = await both(query);
  expect(compiled.sql).toHaveLength(2);
  expect(resolvers.sql.length).toBeGreaterThan(2);
  type Competency = { area: string; level: string | null; years: number | null; attainedOn: string; expiresOn: string | null };
  type Node = {
    independent: boolean;
    competencies: Competency[];
    on: { on: string; meets: boolean; shortfalls: string[]; practiceYears: number | null };
    early: { meets: boolean };
  };
  const { authors, met } = compiled.body.data as { authors: { totalCount: number; edges: { node: Node }[] }; met: { totalCount: number } };
  const held = (c: Competency) => c.attainedOn <= at && (c.expiresOn === null || c.expiresOn > at);
  let meeting = 0;
  for (const { node } of authors.edges) {
    const practice = node.competencies.filter((c) => c.area === "CHILD_PROTECTION_PRACTICE" && c.years !== null && held(c));
    const practiceYears = practice.length === 0 ? null : Math.max(...practice.map((c) => c.years! + wholeYears(c.attainedOn, at)));
    const methodology = node.competencies.some(
      (c) => c.area === "REVIEW_METHODOLOGY" && (c.level === "TRAINED" || c.level === "ACCREDITED") && held(c),
    );
    const shortfalls = [
      ...(node.independent ? [] : ["NOT_INDEPENDENT"]),
      ...(methodology ? [] : ["NO_REVIEW_METHODOLOGY"]),
      ...(practiceYears !== null && practiceYears >= 5 ? [] : ["TOO_FEW_PRACTICE_YEARS"]),
    ];
    expect(node.on).toEqual({ on: at, meets: shortfalls.length === 0, shortfalls, practiceYears });
    if (node.on.meets) meeting += 1;
  }
  // Every author fits on the page here, so those meeting it are the filter's count.
  expect(authors.edges).toHaveLength(authors.totalCount);
  expect(meeting).toBe(met.totalCount);
  expect(meeting).toBeGreaterThan(0);
});

test("a list's count and aggregates without its page: one compiled statement, the anchor's figures (A5: 424 incidents, 282 deaths)", async () => {
  const period = `notifiedOn: { gte: "2007-04-01", lte: "2008-08-31" }`;
  const query = `{ all: incidents(where: { ${period} }) { totalCount aggregates { count daysToNotify { count median } } }
    deaths: incidents(where: { ${period}, nature: { eq: DEATH } }) { totalCount } }`;
  const { compiled, resolvers } = await both(query);
  expect(compiled.sql).toHaveLength(2);
  expect(compiled.sql.every((s) => /json_/.test(s))).toBe(true);
  // The resolvers: one grouped statement per list too (not through the driver).
  expect(resolvers.sql).toHaveLength(2);
  const d = compiled.body.data as { all: { totalCount: number; aggregates: { count: number } }; deaths: { totalCount: number } };
  expect(d.all.totalCount).toBe(424);
  expect(d.all.aggregates.count).toBe(424);
  expect(d.deaths.totalCount).toBe(282);
});

/** The p-th percentile of `values` by linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * p) / 100;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

test("percentiles beside a page: one statement, as the resolvers answer, and as the listed values say", async () => {
  const where = `{ AND: [${HALF_YEAR}, { completedOn: { isNull: false } }] }`;
  const query = `{ reviews(first: 100, where: ${where}) { totalCount
      aggregates { daysToComplete { count min max median percentiles(at: [10, 90]) { at value } } q: daysToComplete { percentiles(at: [25]) { value } } }
      edges { node { reference daysToComplete } } } }`;
  const { compiled, resolvers } = await both(query);
  expectOneCompiledStatement(compiled);
  expect(resolvers.sql.length).toBeGreaterThan(1);
  type Summary = { count: number; min: number; max: number; median: number; percentiles: { at: number; value: number }[] };
  const { reviews } = compiled.body.data as {
    reviews: {
      totalCount: number;
      aggregates: { daysToComplete: Summary; q: { percentiles: { value: number }[] } };
      edges: { node: { daysToComplete: number } }[];
    };
  };
  const days = reviews.edges.map((e) => e.node.daysToComplete);
  expect(days).toHaveLength(reviews.totalCount);
  expect(days.length).toBeGreaterThan(10);
  const s = reviews.aggregates.daysToComplete;
  expect(s.count).toBe(days.length);
  expect(s.min).toBe(Math.min(...days));
  expect(s.max).toBe(Math.max(...days));
  expect(s.median).toBeCloseTo(percentile(days, 50), 9);
  expect(s.percentiles.map((p) => p.at)).toEqual([10, 90]);
  expect(s.percentiles[0]!.value).toBeCloseTo(percentile(days, 10), 9);
  expect(s.percentiles[1]!.value).toBeCloseTo(percentile(days, 90), 9);
  expect(reviews.aggregates.q.percentiles[0]!.value).toBeCloseTo(percentile(days, 25), 9);
});

test("percentiles of nested lists, per parent, with empty lists: one statement, as the resolvers answer", async () => {
  const query = `{ boards(first: 40, orderBy: [{ field: NAME }]) { edges { node { code
      reviews(first: 2, where: ${YEAR}) { totalCount aggregates { daysToComplete { count median percentiles(at: [0, 100]) { value } } }
        edges { node { reference } } } } } } }`;
  const { compiled, resolvers } = await both(query);
  expectOneCompiledStatement(compiled);
  expect(resolvers.sql.length).toBeGreaterThan(1);
  type Summary = { count: number; median: number | null; percentiles: { value: number | null }[] };
  const boards = (
    compiled.body.data as { boards: { edges: { node: { reviews: { totalCount: number; aggregates: { daysToComplete: Summary } } } }[] } }
  ).boards.edges;
  const empty = boards.filter((b) => b.node.reviews.totalCount === 0);
  // Over no values every figure but the count is null.
  expect(empty.length).toBeGreaterThan(0);
  for (const b of empty)
    expect(b.node.reviews.aggregates.daysToComplete).toEqual({ count: 0, median: null, percentiles: [{ value: null }, { value: null }] });
  const some = boards.filter((b) => b.node.reviews.aggregates.daysToComplete.count > 0);
  expect(some.length).toBeGreaterThan(0);
  // The 0th and 100th percentiles are the least and greatest values, so the median lies between them.
  for (const b of some) {
    const { median, percentiles } = b.node.reviews.aggregates.daysToComplete;
    expect(median!).toBeGreaterThanOrEqual(percentiles[0]!.value!);
    expect(median!).toBeLessThanOrEqual(percentiles[1]!.value!);
  }
});
