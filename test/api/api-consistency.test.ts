// Names a front-end team can rely on (issue 13.7): every connection type named after its node, `first` on
// Variation.units (the old `limit` deprecated, still answering), and a rate that says its multiplier, so
// value = numerator / denominator × per. Figures are worked out by hand from test/helpers/query-fixture.ts.
import { data, failure, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const asAdmin = async (query: string) => {
  const r = await t.query(query, undefined, { key: t.keys.ADMIN });
  expect(r.errors).toBeUndefined();
  return r.data as Json;
};

test("connection and edge types are named after their node", async () => {
  const d = await asAdmin(`{
    apiKeys(first: 1) { __typename edges { __typename } }
    auditEvents(first: 1) { __typename }
    silentBoards(period: { financialYear: "2007-08" }) { __typename edges { __typename } }
    dataQuality(first: 1) { __typename }
    releases { figures(first: 1) { __typename } } }`);
  expect(d.apiKeys.__typename).toBe("ApiKeyConnection");
  expect(d.apiKeys.edges[0].__typename).toBe("ApiKeyEdge");
  expect(d.auditEvents.__typename).toBe("AuditEventConnection");
  expect(d.silentBoards.__typename).toBe("SilentBoardConnection");
  expect(d.dataQuality.__typename).toBe("DataQualityIssueConnection");
  for (const r of d.releases) expect(r.figures.__typename).toBe("ReleaseFigureConnection");
  // Every connection type in the schema is <Node>Connection, its edge <Node>Edge.
  const types = await asAdmin(`{ __schema { types { name fields { name type { ofType { ofType { ofType { name } } } } } } } }`);
  const connections = types.__schema.types.filter((ty: Json) => ty.name.endsWith("Connection"));
  expect(connections.length).toBeGreaterThanOrEqual(11);
  for (const c of connections) {
    expect(c.name).not.toMatch(/^Query/);
    const edge = c.fields.find((f: Json) => f.name === "edges").type.ofType.ofType.ofType.name;
    expect(edge).toBe(c.name.replace(/Connection$/, "Edge"));
  }
});

test("a silent board's edge keeps its figures under the new name", async () => {
  const d = await asAdmin(
    `{ silentBoards(period: { financialYear: "2008-09" }) { totalCount edges { node { code } ... on SilentBoardEdge { qualifyingDeaths { value } } } } }`,
  );
  // 2008-09: only RV5 (board A) was initiated; B, C and D are silent. Qualifying deaths notified in 2008-09: none.
  expect(d.silentBoards.edges.map((e: Json) => [e.node.code, e.qualifyingDeaths.value])).toEqual([
    ["E06000002", 0],
    ["E06000003", 0],
    ["E06000004", 0],
  ]);
});

test("Variation.units takes first; the deprecated limit still answers; both at once is refused", async () => {
  const q = (args: string) => `{ variation(period: { financialYear: "2007-08" }, level: BOARD, metric: REVIEW_RATE) { units${args} { code } } }`;
  const all = (await data(t, q(""))).variation.units.map((u: Json) => u.code);
  expect(all).toHaveLength(4);
  expect((await data(t, q("(first: 2)"))).variation.units.map((u: Json) => u.code)).toEqual(all.slice(0, 2));
  expect((await data(t, q("(limit: 2)"))).variation.units.map((u: Json) => u.code)).toEqual(all.slice(0, 2));
  expect(await failure(t, q("(first: 2, limit: 2)"))).toMatchObject({
    code: "BAD_USER_INPUT",
    message: "give `first` or the deprecated `limit`, not both",
  });
  expect(await failure(t, q("(first: 0)"))).toMatchObject({ code: "BAD_USER_INPUT", message: "first must be from 1 to 200 (got 0)" });
  const field = await data(
    t,
    `{ __type(name: "Variation") { fields { name args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }`,
  );
  const args = field.__type.fields.find((f: Json) => f.name === "units").args;
  expect(args.find((a: Json) => a.name === "limit")).toEqual({
    name: "limit",
    isDeprecated: true,
    deprecationReason: "2026-12-01: use `first`, the name every list uses. Removed in release 0.3.0.",
  });
  expect(args.find((a: Json) => a.name === "first").isDeprecated).toBe(false);
});

test("a figure says its multiplier: value = numerator / denominator × per", async () => {
  const d = await data(
    t,
    `{ nationalStats(period: { financialYear: "2007-08" }) {
        deathRate { value numerator denominator per } reviewCoverage { value numerator denominator per } medianDaysToComplete { value per } } }`,
  );
  const s = d.nationalStats;
  // Qualifying deaths notified in 2007-08: I1, I5, I7, I9 and I2 (31 March 2008) = 5; children 2007: 65,000.
  expect(s.deathRate).toEqual({ value: (5 / 65_000) * 10_000, numerator: 5, denominator: 65_000, per: 10_000 });
  expect(s.deathRate.value).toBeCloseTo((s.deathRate.numerator / s.deathRate.denominator) * s.deathRate.per, 12);
  // Of the 5, I1, I5, I7 and I9 have a review: a share, per 1.
  expect(s.reviewCoverage).toEqual({ value: 0.8, numerator: 4, denominator: 5, per: 1 });
  expect(s.medianDaysToComplete).toEqual({ value: 122, per: null });
});

test("a suppressed rate still says it is per 10,000 (research partner)", async () => {
  const r = await t.query(
    `{ board(code: "E06000001") { stats(period: { financialYear: "2007-08" }) { deathRate { value status numerator per } } } }`,
    undefined,
    { key: t.keys.PARTNER },
  );
  expect(r.errors).toBeUndefined();
  // Board A's qualifying deaths in 2007-08 are I1 and I2: 2, a small number, so the rate is withheld.
  expect((r.data as Json).board.stats.deathRate).toEqual({ value: null, status: "SUPPRESSED", numerator: null, per: 10_000 });
});
