// Releases on the seeded database: the seed's release of published anchors reads back unrevised; a steward
// freezes FY 2007-08 for England and the regions; a later correction shows as a revision of exactly the
// figures it changes; bad input and other roles change nothing.
import { startTestServer, type TestServer } from "../helpers/server";
import { FIGURE_NAMES } from "../../src/domain/releases";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

type Value = { value: number | null; status: string };
type FigureNode = {
  label: string | null;
  level: string;
  unitCode: string;
  metric: string;
  period: { from: string; to: string };
  frozen: Value;
  current: Value;
  revised: boolean;
};
const FIGURE = "label level unitCode metric period { from to } frozen { value status } current { value status } revised";

async function figures(name: string, filter = ""): Promise<{ totalCount: number; nodes: FigureNode[] }> {
  const r = await t.query<{ release: { figures: { totalCount: number; edges: { node: FigureNode }[] } } | null }, Record<string, never>>(
    `{ release(name: ${JSON.stringify(name)}) { figures(first: 100${filter}) { totalCount edges { node { ${FIGURE} } } } } }`,
  );
  expect(r.errors).toBeUndefined();
  return { totalCount: r.data!.release!.figures.totalCount, nodes: r.data!.release!.figures.edges.map((e) => e.node) };
}

const CREATE = `mutation Create($input: CreateReleaseInput!) {
  createRelease(input: $input) { release { name publishedOn createdBy } errors { __typename ... on UserError { message path } } }
}`;
type CreateResult = {
  createRelease: {
    release: { name: string; publishedOn: string; createdBy: string } | null;
    errors: { __typename: string; message: string; path: string[] }[];
  };
};
const create = (input: Record<string, unknown>, key = t.keys.STEWARD) =>
  t.query<CreateResult, { input: Record<string, unknown> }>(CREATE, { input }, { key });
const releaseCount = () => t.database.db.release.count();

const SEED = "Published anchors, 2008-2009";

test("the seed's release holds the anchors that are Stats figures, each as published and reproduced now", async () => {
  const { totalCount, nodes } = await figures(SEED);
  expect(totalCount).toBe(17);
  const byKey = (label: string, metric: string, unitCode = "") =>
    nodes.find((n) => n.label === label && n.metric === metric && n.unitCode === unitCode)!;
  expect(byKey("A1", "reviewsReceived").frozen).toEqual({ value: 36, status: "OK" });
  expect(byKey("A4", "seriousIncidents", "E12000002")).toMatchObject({
    level: "REGION",
    period: { from: "2007-04-01", to: "2008-03-31" },
    frozen: { value: 56 },
  });
  expect(byKey("A4", "deaths", "E12000004").frozen.value).toBe(11);
  expect(byKey("A5", "natureNotKnown")).toMatchObject({ period: { from: "2007-04-01", to: "2008-08-31" }, frozen: { value: 6 } });
  expect(byKey("A7", "evaluatedByGrade.ADEQUATE").frozen.value).toBe(47);
  expect(byKey("A9", "evaluatedByGrade.OUTSTANDING")).toMatchObject({ period: { from: "2006-04-01", to: "2009-10-06" }, frozen: { value: 0 } });
  // The platform reproduces every one, with status OK: nothing revised.
  for (const n of nodes) {
    expect(n.current).toEqual(n.frozen);
    expect(n.frozen.status).toBe("OK");
    expect(n.revised).toBe(false);
  }
});

test("a steward freezes FY 2007-08 for England and the regions: every figure of Stats, as Stats gives it", async () => {
  const r = await create({
    name: "Regional figures 2007-08",
    publishedOn: "2008-11-30",
    periods: [{ financialYear: "2007-08" }],
    levels: ["ENGLAND", "REGION"],
  });
  expect(r.errors).toBeUndefined();
  expect(r.data!.createRelease).toEqual({
    release: { name: "Regional figures 2007-08", publishedOn: "2008-11-30", createdBy: "test STEWARD" },
    errors: [],
  });
  const all = await figures("Regional figures 2007-08");
  expect(all.totalCount).toBe(10 * FIGURE_NAMES.length); // England and nine regions
  const nw = await figures("Regional figures 2007-08", ', unitCode: "E12000002", metric: "seriousIncidents"');
  expect(nw.nodes).toEqual([
    {
      label: null,
      level: "REGION",
      unitCode: "E12000002",
      metric: "seriousIncidents",
      period: { from: "2007-04-01", to: "2008-03-31" },
      frozen: { value: 56, status: "OK" },
      current: { value: 56, status: "OK" },
      revised: false,
    },
  ]);
  // England's figures are those nationalStats gives for the year.
  const stats = await t.query<{ nationalStats: Record<string, Value> }, Record<string, never>>(
    '{ nationalStats(period: { financialYear: "2007-08" }) { seriousIncidents { value status } deathRate { value status } reviewCoverage { value status } } }',
  );
  const england = await figures("Regional figures 2007-08", ", level: ENGLAND");
  for (const metric of ["seriousIncidents", "deathRate", "reviewCoverage"]) {
    expect(england.nodes.find((n) => n.metric === metric)!.frozen).toEqual(stats.data!.nationalStats[metric]);
  }
});

test("a later correction shows as a revision of exactly the figures it changes", async () => {
  // Withdraw one North West incident notified in FY 2007-08 that is not a death.
  const db = t.database.db;
  const nw = await db.region.findUniqueOrThrow({ where: { code: "E12000002" } });
  const incident = await db.incident.findFirstOrThrow({
    where: { notifiedOn: { gte: "2007-04-01", lte: "2008-03-31" }, nature: "SERIOUS_HARM", board: { regionId: nw.id }, withdrawnAt: null },
  });
  await db.incident.update({
    where: { id: incident.id },
    data: { withdrawnAt: new Date(), withdrawnReason: "test: a duplicate notification", withdrawnBy: "test" },
  });

  const seed = await figures(SEED, ', unitCode: "E12000002"');
  expect(seed.nodes.map((n) => [n.metric, n.frozen.value, n.current.value, n.revised])).toEqual([
    ["seriousIncidents", 56, 55, true],
    ["deaths", 38, 38, false],
  ]);
  const frozen = await figures("Regional figures 2007-08", ', unitCode: "E12000002"');
  const revised = frozen.nodes.filter((n) => n.revised).map((n) => [n.metric, n.frozen.value, n.current.value]);
  expect(revised).toContainEqual(["seriousIncidents", 56, 55]);
  expect(revised).toContainEqual([
    "seriousHarm",
    frozen.nodes.find((n) => n.metric === "seriousHarm")!.frozen.value,
    frozen.nodes.find((n) => n.metric === "seriousHarm")!.frozen.value! - 1,
  ]);
  expect(frozen.nodes.find((n) => n.metric === "deaths")!.revised).toBe(false);
  await db.incident.update({ where: { id: incident.id }, data: { withdrawnAt: null, withdrawnReason: null, withdrawnBy: null } });
});

test("a release over FY 2010-11 and FY 2030-31 freezes their coverage statuses", async () => {
  const r = await create({
    name: "Coverage check",
    publishedOn: "2011-06-30",
    periods: [{ financialYear: "2010-11" }, { financialYear: "2030-31" }],
    levels: ["ENGLAND"],
  });
  expect(r.data!.createRelease.errors).toEqual([]);
  const { nodes } = await figures("Coverage check", ', metric: "seriousIncidents"');
  const partial = await t.query<{ nationalStats: { seriousIncidents: Value } }, Record<string, never>>(
    '{ nationalStats(period: { from: "2010-04-01", to: "2010-12-31" }) { seriousIncidents { value status } } }',
  );
  // FY 2010-11 counts the incidents of April to December 2010 (the data stops there), marked provisional.
  expect(partial.data!.nationalStats.seriousIncidents.status).toBe("OK");
  expect(nodes.map((n) => [n.period.from, n.frozen])).toEqual([
    ["2010-04-01", { value: partial.data!.nationalStats.seriousIncidents.value, status: "PROVISIONAL" }],
    ["2030-04-01", { value: null, status: "NOT_AVAILABLE" }],
  ]);
});

test("bad input is refused with every problem and the field at fault, and writes nothing", async () => {
  const before = await releaseCount();
  const bad = await create({
    name: "  ",
    publishedOn: "2008-07-15",
    periods: [{ financialYear: "2007-09" }, { from: "2008-01-01", to: "2007-01-01" }],
  });
  expect(bad.data!.createRelease.release).toBeNull();
  expect(bad.data!.createRelease.errors).toEqual([
    { __typename: "ValidationFailed", message: expect.stringMatching(/^name is empty/), path: ["input", "name"] },
    {
      __typename: "ValidationFailed",
      message: `periods[0].financialYear: financialYear '2007-09' is not a financial year; write it as YYYY-YY with consecutive years, e.g. "2007-08"`,
      path: ["input", "periods", "0", "financialYear"],
    },
    {
      __typename: "ValidationFailed",
      message: "periods[1].from: from (2008-01-01) is after to (2007-01-01); a period runs forwards",
      path: ["input", "periods", "1", "from"],
    },
  ]);
  const none = await create({ name: "Nothing", publishedOn: "2008-07-15", periods: [] });
  expect(none.data!.createRelease.errors.map((e) => e.path)).toEqual([["input", "periods"]]);
  const twice = await create({ name: SEED, publishedOn: "2008-07-15", periods: [{ financialYear: "2007-08" }] });
  expect(twice.data!.createRelease.errors).toEqual([
    {
      __typename: "ValidationFailed",
      message: `a release named "${SEED}" exists already; releases are never replaced, so give this one its own name`,
      path: ["input", "name"],
    },
  ]);
  const badDate = await create({ name: "Bad date", publishedOn: "2008-02-30", periods: [{ financialYear: "2007-08" }] });
  expect(badDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  expect(await releaseCount()).toBe(before);
});

test("ANALYST reads releases but cannot freeze one; a research partner's schema has none", async () => {
  const before = await releaseCount();
  const analyst = await create({ name: "By an analyst", publishedOn: "2008-07-15", periods: [{ financialYear: "2007-08" }] }, t.keys.ANALYST);
  expect(analyst.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  const partner = await create({ name: "By a partner", publishedOn: "2008-07-15", periods: [{ financialYear: "2007-08" }] }, t.keys.PARTNER);
  expect(partner.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  expect(await releaseCount()).toBe(before);
  const list = await t.query<{ releases: { name: string; seed: boolean }[] }, Record<string, never>>(
    "{ releases { name seed } }",
    {},
    { key: t.keys.ANALYST },
  );
  expect(list.data!.releases).toEqual([
    { name: "Coverage check", seed: false },
    { name: "Published anchors, 2008-2009", seed: true },
    { name: "Regional figures 2007-08", seed: false },
  ]);
  const read = await t.query("{ releases { name } }", {}, { key: t.keys.PARTNER });
  expect(read.status).toBe(400);
  expect(read.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
});
