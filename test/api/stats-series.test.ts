// Stats over consecutive periods, on the hand-worked query fixture (test/helpers/query-fixture.ts). Incidents by
// notification date: I1 2007-04-02, I5 2007-06-15, I6 2007-09-10, I7 2007-11-05, I9 2007-11-06, I4 2008-01-02,
// I8 2008-03-03, I2 2008-03-31, I3 2008-04-01. Reviews by decision date: RV1 2007-04-20 (A), RV2 2007-07-01 (B),
// RV3 and RV4 2007-10-31 (C), RV6 2008-01-15 (D), RV5 2008-06-01 (A). Qualifying deaths: I1, I2, I5, I7, I9.
import { data, failure, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";
import { METRICS } from "../../src/domain/metrics";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const EVERY_METRIC = METRICS.map((m) => `${m.name} { value status }`).join(" ") + " evaluatedByGrade { grade count { value } }";
const column = (points: Json[], metric: string) => points.map((p) => p.stats[metric].value);

test("England by financial year: the periods in order, each with its Stats exactly as stats(period:) gives them", async () => {
  const d = await data(
    t,
    `{ statsSeries(by: FINANCIAL_YEAR, from: "2006-07", to: "2008-09") { label period { from to } stats { ${EVERY_METRIC} } }
       a: nationalStats(period: { financialYear: "2006-07" }) { ${EVERY_METRIC} }
       b: nationalStats(period: { financialYear: "2007-08" }) { ${EVERY_METRIC} }
       c: nationalStats(period: { financialYear: "2008-09" }) { ${EVERY_METRIC} } }`,
  );
  const points = d.statsSeries;
  expect(points.map((p: Json) => [p.label, p.period.from, p.period.to])).toEqual([
    ["2006-07", "2006-04-01", "2007-03-31"],
    ["2007-08", "2007-04-01", "2008-03-31"],
    ["2008-09", "2008-04-01", "2009-03-31"],
  ]);
  expect(points.map((p: Json) => p.stats)).toEqual([d.a, d.b, d.c]);
  expect(column(points, "seriousIncidents")).toEqual([0, 8, 1]);
  expect(column(points, "qualifyingDeaths")).toEqual([0, 5, 0]);
  expect(column(points, "reviewsInitiated")).toEqual([0, 5, 1]);
});

test("quarters and months: consecutive, labelled, across a year's end", async () => {
  const d = await data(
    t,
    `{ q: statsSeries(by: QUARTER, from: "2007-Q2", to: "2008-Q1") { label period { from to } stats { seriousIncidents { value } } }
       m: statsSeries(by: MONTH, from: "2007-11", to: "2008-02") { label period { from to } stats { seriousIncidents { value } reviewsInitiated { value } } } }`,
  );
  expect(d.q.map((p: Json) => [p.label, p.period.from, p.period.to, p.stats.seriousIncidents.value])).toEqual([
    ["2007-Q2", "2007-04-01", "2007-06-30", 2],
    ["2007-Q3", "2007-07-01", "2007-09-30", 1],
    ["2007-Q4", "2007-10-01", "2007-12-31", 2],
    ["2008-Q1", "2008-01-01", "2008-03-31", 3],
  ]);
  expect(d.m.map((p: Json) => [p.label, p.period.to])).toEqual([
    ["2007-11", "2007-11-30"],
    ["2007-12", "2007-12-31"],
    ["2008-01", "2008-01-31"],
    ["2008-02", "2008-02-29"],
  ]);
  expect(column(d.m, "seriousIncidents")).toEqual([2, 0, 1, 0]);
  expect(column(d.m, "reviewsInitiated")).toEqual([0, 0, 1, 0]);
});

test("a region's and a board's series", async () => {
  const d = await data(
    t,
    `{ region(code: "E12000002") { statsSeries(by: FINANCIAL_YEAR, from: "2007-08", to: "2009-10") { label stats { reviewsInitiated { value } reviewRate { value status } } } }
       board(code: "E06000001") { statsSeries(by: FINANCIAL_YEAR, from: "2007-08", to: "2008-09") { stats { reviewsInitiated { value } deaths { value } } } }
       ended: board(code: "E06000004") { statsSeries(by: CALENDAR_YEAR, from: "2008", to: "2009") { label stats { reviewsInitiated { value } } } } }`,
  );
  const north = d.region.statsSeries;
  // North West (C and D): RV3, RV4, RV6 in 2007-08; population 35,000 in 2007, none recorded for later years.
  expect(column(north, "reviewsInitiated")).toEqual([3, 0, 0]);
  expect(north[0].stats.reviewRate.value).toBeCloseTo((3 * 10_000) / 35_000, 12);
  expect(north[1].stats.reviewRate.status).toBe("NOT_AVAILABLE");
  expect(column(d.board.statsSeries, "reviewsInitiated")).toEqual([1, 1]);
  expect(column(d.board.statsSeries, "deaths")).toEqual([2, 0]);
  // D started RV6 in January 2008 and ended on 2009-03-31.
  expect(d.ended.statsSeries.map((p: Json) => [p.label, p.stats.reviewsInitiated.value])).toEqual([
    ["2008", 1],
    ["2009", 0],
  ]);
});

test("the same statements for a series of 2 periods and of 36, shared by every board that asks", async () => {
  // Each with nothing of Stats kept from an earlier request: a write that changes no figure moves the data's version.
  const statements = async (q: string) => {
    await t.database.db.$executeRawUnsafe(`UPDATE "Region" SET "name" = "name" WHERE "id" = (SELECT MIN("id") FROM "Region")`);
    const { result, sql } = await t.statements(() => t.query(q));
    expect(result.errors).toBeUndefined();
    return withoutAuthentication(sql).length;
  };
  const one = await statements(`{ nationalStats(period: { financialYear: "2007-08" }) { deaths { value } } }`);
  const short = await statements(`{ statsSeries(by: MONTH, from: "2007-04", to: "2007-05") { stats { deaths { value } } } }`);
  const long = await statements(
    `{ statsSeries(by: MONTH, from: "2007-04", to: "2010-03") { stats { deaths { value } medianDaysToComplete { value } } } }`,
  );
  // The statements are those of the kinds of rows the figures read: deaths, incidents; the median, completions.
  const both = await statements(`{ nationalStats(period: { financialYear: "2007-08" }) { deaths { value } medianDaysToComplete { value } } }`);
  expect(short).toBe(one);
  expect(long).toBe(both);
  const boards = await statements(
    `{ boards { edges { node { statsSeries(by: MONTH, from: "2007-04", to: "2010-03") { stats { deaths { value } } } } } } }`,
  );
  expect(boards).toBe(one + 1); // the boards page: one statement (the compiled read path)
});

test("bad input: too many periods, backwards, a label of another kind", async () => {
  const many = await failure(t, `{ statsSeries(by: MONTH, from: "2005-01", to: "2010-01") { label } }`);
  expect([many.code, many.message]).toEqual([
    "BAD_USER_INPUT",
    "from 2005-01 to 2010-01 is more than 60 periods; a series has at most 60 (e.g. five years of months): ask for a shorter span or a longer period",
  ]);
  const sixty = await data(t, `{ statsSeries(by: MONTH, from: "2005-02", to: "2010-01") { label } }`);
  expect(sixty.statsSeries).toHaveLength(60);
  const backwards = await failure(t, `{ statsSeries(by: QUARTER, from: "2008-Q1", to: "2007-Q4") { label } }`);
  expect([backwards.code, backwards.message]).toEqual(["BAD_USER_INPUT", "from 2008-Q1 comes after to 2007-Q4; a series runs forward in time"]);
  const label = await failure(t, `{ statsSeries(by: FINANCIAL_YEAR, from: "2007", to: "2008-09") { label } }`);
  expect(label.code).toBe("BAD_USER_INPUT");
  expect(label.message).toMatch(/^from: .*YYYY-YY.*\(the series is by FINANCIAL_YEAR\)$/);
});

test("a research partner has no series (one financial year at a time)", async () => {
  const r = await t.query(`{ statsSeries(by: FINANCIAL_YEAR, from: "2007-08", to: "2008-09") { label } }`, {}, { key: t.keys.PARTNER });
  expect(r.errors?.[0]?.message).toMatch(/Cannot query field "statsSeries"/);
});
