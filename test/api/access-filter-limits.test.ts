// Bounded work per request, decided before any SQL, through the real HTTP server: relation filters limited in
// depth and number and counted in the cost, input values limited in nesting, /health answering while the worst
// permitted filter runs. (Requests in flight per key and the PostgreSQL pool: access-concurrency.test.ts.)
import { LIMITS } from "../../src/limits";
import { postRaw, type RawResponse } from "../helpers/query";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const post = (body: unknown, key: string = t.keys.ANALYST) => postRaw(t, body, key);

const run = (query: string, variables?: Record<string, unknown>, key?: string) => t.statements(() => post({ query, variables }, key));

function expectRefused(r: RawResponse, limit: { name: string; max: number; actual: number }) {
  expect(r.status).toBe(400);
  expect(r.body.data ?? null).toBeNull();
  expect(r.body.errors).toHaveLength(1);
  const error = r.body.errors![0]!;
  expect(error.extensions?.code).toBe("QUERY_LIMIT_EXCEEDED");
  expect(error.extensions?.limit).toEqual(limit);
  expect(error.message).toContain(`(limit: ${limit.name})`);
  expect(error.message).toContain(String(limit.max));
  expect(error.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
}

function expectAnswered(r: RawResponse) {
  expect(r.body.errors).toBeUndefined();
  expect(r.status).toBe(200);
}

// The North East's boards: its 12 LSCBs (prisma/reference/boards.csv; Durham and Northumberland keep one board
// each through their 2009 reorganisation).
const NORTH_EAST = "E12000001";
const NORTH_EAST_BOARDS = 12;

describe("relation filters: depth (hops from the list being filtered)", () => {
  test(`${LIMITS.relationDepth} hops are answered: boards whose region has a board in the North East's region`, async () => {
    const { result } = await run(
      `{ boards(where: { region: { boards: { some: { region: { code: { eq: "${NORTH_EAST}" } } } } } }) { totalCount }
         direct: boards(where: { region: { code: { eq: "${NORTH_EAST}" } } }) { totalCount } }`,
    );
    expectAnswered(result);
    expect(result.body.data).toEqual({ boards: { totalCount: NORTH_EAST_BOARDS }, direct: { totalCount: NORTH_EAST_BOARDS } });
  });

  test(`${LIMITS.relationDepth + 1} hops are refused, naming the limit, with only the key looked up`, async () => {
    const { result, sql } = await run(
      `{ boards(where: { region: { boards: { some: { region: { boards: { some: { code: { eq: "x" } } } } } } } }) { totalCount } }`,
    );
    expectRefused(result, { name: "relationDepth", max: 3, actual: 4 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("the report's chain (regions → boards → incidents → board → region → boards → incidents) is refused before any SQL", async () => {
    const { result, sql } = await run(
      `{ regions(first: 0, where: { boards: { some: { incidents: { some: { board: { region: { boards: { some: { incidents: { some: { reference: { contains: "zz" } } } } } } } } } } } }) { totalCount } }`,
    );
    expectRefused(result, { name: "relationDepth", max: 3, actual: 6 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("AND, OR and NOT add no hop; a nested list's filter counts from that list", async () => {
    const { result } = await run(
      `{ region(code: "${NORTH_EAST}") { boards(first: 100, where: { NOT: { OR: [{ region: { boards: { some: { region: { code: { ne: "${NORTH_EAST}" } } } } } }] } }) { totalCount } } }`,
    );
    expectAnswered(result);
    expect(result.body.data).toEqual({ region: { boards: { totalCount: NORTH_EAST_BOARDS } } });
    const deeper = await run(
      `{ region(code: "${NORTH_EAST}") { boards(where: { NOT: { region: { boards: { some: { incidents: { some: { board: { code: { eq: "x" } } } } } } } } }) { totalCount } } }`,
    );
    expectRefused(deeper.result, { name: "relationDepth", max: 3, actual: 4 });
  });
});

describe("relation filters: number per request", () => {
  // n - 1 incident conditions no board meets, and one condition on the region: the North East's boards.
  const filters = (n: number) => ({
    OR: [
      ...Array.from({ length: n - 1 }, (_, i) => ({ incidents: { some: { reference: { eq: `none-${i}` } } } })),
      { region: { code: { eq: NORTH_EAST } } },
    ],
  });
  const query = `query($w: BoardWhere) { boards(where: $w) { totalCount } }`;

  test(`${LIMITS.relationFilters} are answered`, async () => {
    const { result } = await run(query, { w: filters(LIMITS.relationFilters) });
    expectAnswered(result);
    expect(result.body.data).toEqual({ boards: { totalCount: NORTH_EAST_BOARDS } });
  });

  test(`${LIMITS.relationFilters + 1} are refused, with only the key looked up`, async () => {
    const { result, sql } = await run(query, { w: filters(LIMITS.relationFilters + 1) });
    expectRefused(result, { name: "relationFilters", max: 20, actual: 21 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("the report's OR of 499 relation filters is refused before any SQL", async () => {
    const { result, sql } = await run(query, {
      w: { OR: Array.from({ length: 499 }, (_, i) => ({ incidents: { some: { reference: { startsWith: `ZZ${i}` } } } })) },
    });
    expectRefused(result, { name: "relationFilters", max: 20, actual: 499 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("some, none and every each count; a fragment counts each time it runs", async () => {
    // 7 × (some + none + every) = 21.
    const quantified = Array.from(
      { length: 7 },
      (_, i) =>
        `{ incidents: { some: { reference: { eq: "a${i}" } }, none: { reference: { eq: "b${i}" } }, every: { reference: { eq: "c${i}" } } } }`,
    );
    expectRefused((await run(`{ boards(where: { OR: [${quantified.join(" ")}] }) { totalCount } }`)).result, {
      name: "relationFilters",
      max: 20,
      actual: 21,
    });
    // 11 filters in a fragment run under two regions: 22.
    const eleven = Array.from({ length: 11 }, (_, i) => `{ incidents: { some: { reference: { eq: "r${i}" } } } }`).join(" ");
    const { result, sql } = await run(
      `{ a: region(code: "${NORTH_EAST}") { ...F } b: region(code: "E12000002") { ...F } }
       fragment F on Region { boards(where: { OR: [${eleven}] }) { totalCount } }`,
    );
    expectRefused(result, { name: "relationFilters", max: 20, actual: 22 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });
});

describe("relation filters in the cost", () => {
  test("each costs 100 × 10^(hops - 1): a chain of three hops adds 100 + 1,000 + 10,000", async () => {
    // boards { totalCount } costs 1 + 20 × 1 = 21 (the default page of 20 times totalCount).
    const { result } = await run(
      `{ boards(where: { incidents: { some: { review: { evaluation: { grade: { eq: INADEQUATE } } } } } }) { totalCount } }`,
    );
    expectAnswered(result);
    expect(result.body.extensions?.cost).toEqual({ requested: 21 + 11_100, budget: 50_000 });
    // some and none at the first hop: 2 × 100.
    const two = await run(`{ boards(where: { incidents: { some: { qualifying: true }, none: { hasReview: true } } }) { totalCount } }`);
    expect(two.result.body.extensions?.cost).toEqual({ requested: 21 + 200, budget: 50_000 });
  });

  test("the cost refuses what the depth and the count allow: four three-hop chains are answered, five are not", async () => {
    const chain = (i: number) => `{ incidents: { some: { review: { evaluation: { grade: { eq: INADEQUATE }, daysToEvaluate: { gt: ${i} } } } } } }`;
    const chains = (n: number) => `{ boards(where: { OR: [${Array.from({ length: n }, (_, i) => chain(i)).join(" ")}] }) { totalCount } }`;
    const four = await run(chains(4));
    expectAnswered(four.result);
    expect(four.result.body.extensions?.cost).toEqual({ requested: 21 + 4 * 11_100, budget: 50_000 });
    const { result, sql } = await run(chains(5));
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.limit).toEqual({ name: "cost", max: 50_000, actual: 21 + 5 * 11_100 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });
});

describe("nesting of input values", () => {
  // NOT nested n times around { code: { eq } }: n + 2 objects deep; an even number of NOTs is the condition itself.
  const nots = (n: number) => `{ boards(where: ${"{ NOT: ".repeat(n)}{ code: { eq: "E06000005" } }${" }".repeat(n)}) { totalCount } }`;

  test(`${LIMITS.inputDepth} deep is answered`, async () => {
    const { result } = await run(nots(LIMITS.inputDepth - 2));
    expectAnswered(result);
    expect(result.body.data).toEqual({ boards: { totalCount: 1 } });
  });

  test(`${LIMITS.inputDepth + 1} deep is refused before the key is looked up`, async () => {
    const { result, sql } = await run(nots(LIMITS.inputDepth - 1));
    expectRefused(result, { name: "inputDepth", max: 32, actual: 33 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("the report's 400 nested NOTs get a clear 400, not INTERNAL, with no SQL", async () => {
    const { result, sql } = await run(nots(400));
    expectRefused(result, { name: "inputDepth", max: 32, actual: 402 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("a variable nested 5,000 deep (AND lists), or relations nested 400 deep, are refused with no SQL", async () => {
    // Written out by hand: JSON.stringify itself recurses too deep for it.
    const and = `${'{"AND":['.repeat(2500)}{"code":{"eq":"x"}}${"]}".repeat(2500)}`;
    const query = JSON.stringify("query($w: BoardWhere) { boards(where: $w) { totalCount } }");
    const a = await t.statements(() => post(`{"query":${query},"variables":{"w":${and}}}`));
    expectRefused(a.result, { name: "inputDepth", max: 32, actual: 5002 });
    expect(withoutAuthentication(a.sql)).toEqual([]);
    let chain: unknown = { code: { eq: "x" } };
    for (let i = 0; i < 200; i++) chain = { region: { boards: { some: chain } } };
    const b = await run(`query($w: BoardWhere) { boards(where: $w) { totalCount } }`, { w: chain });
    expectRefused(b.result, { name: "inputDepth", max: 32, actual: 602 });
    expect(withoutAuthentication(b.sql)).toEqual([]);
  });
});

test("/health answers while the worst permitted filter runs (bench/filter-limits.ts), and the filter is answered", async () => {
  // The heaviest shape the bench found: four three-hop chains and eight first hops, in one OR, that nothing meets.
  // Its cost: the page (1 + 100 × (totalCount, edges, node, id)) and the filters (4 × 11,100 + 8 × 100).
  const chain = (i: number) => ({ authors: { some: { reviews: { some: { authors: { some: { reference: { contains: `zz${i}` } } } } } } } });
  const first = (i: number) => ({ authors: { some: { reference: { contains: `zz${100 + i}` } } } });
  const w = { OR: [...[0, 1, 2, 3].map(chain), ...Array.from({ length: 8 }, (_, i) => first(i))] };
  const worst = post({ query: `query($w: ReviewWhere) { reviews(first: 100, where: $w) { totalCount edges { node { id } } } }`, variables: { w } });
  const health = await fetch(t.url.replace("/graphql", "/health"));
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const answered = await worst;
  expectAnswered(answered);
  expect(answered.body.data).toEqual({ reviews: { totalCount: 0, edges: [] } });
  expect(answered.body.extensions?.cost).toEqual({ requested: 1 + 100 * 4 + 4 * 11_100 + 8 * 100, budget: 50_000 });
});
