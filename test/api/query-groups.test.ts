// Group-by: one or more dimensions, time buckets of a chosen date, the lists' own filters, ordering and paging of
// groups, and refusals. Expected groups are worked out by hand from test/helpers/query-fixture.ts.
import { data, failure, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const counts = (groups: Json[], key: (g: Json) => unknown) => groups.map((g) => [key(g), g.count.value]);

describe("incidents", () => {
  test("by financial year of notification (the default date): 31 March and 1 April fall in different years", async () => {
    const d = await data(t, `{ incidentGroups(by: [FINANCIAL_YEAR]) { totalCount groups { financialYear count { value status } } } }`);
    expect(d.incidentGroups.totalCount).toBe(2);
    expect(d.incidentGroups.groups).toEqual([
      { financialYear: "2007-08", count: { value: 8, status: "OK" } },
      { financialYear: "2008-09", count: { value: 1, status: "OK" } },
    ]);
  });

  test("by region and nature: regions by code, natures in declared order", async () => {
    const d = await data(t, `{ incidentGroups(by: [REGION, NATURE]) { groups { region { name } nature count { value } } } }`);
    expect(counts(d.incidentGroups.groups, (g) => `${g.region.name} ${g.nature}`)).toEqual([
      ["North East DEATH", 4],
      ["North East SERIOUS_HARM", 1],
      ["North West DEATH", 2],
      ["North West SERIOUS_HARM", 1],
      ["North West NOT_KNOWN", 1],
    ]);
  });

  test("by quarter of another date: when the harm occurred", async () => {
    const d = await data(t, `{ incidentGroups(by: [QUARTER], date: OCCURRED_ON) { groups { quarter count { value } } } }`);
    expect(counts(d.incidentGroups.groups, (g) => g.quarter)).toEqual([
      ["2007-Q1", 1],
      ["2007-Q2", 1],
      ["2007-Q3", 1],
      ["2007-Q4", 3],
      ["2008-Q1", 2],
      ["2008-Q2", 1],
    ]);
  });

  test("by month of the decision: the pending incident is a group of its own, last", async () => {
    const d = await data(t, `{ incidentGroups(by: [MONTH], date: DECISION_ON) { groups { month count { value } daysToDecision { sum } } } }`);
    expect(counts(d.incidentGroups.groups, (g) => g.month)).toEqual([
      ["2007-04", 1],
      ["2007-07", 1],
      ["2007-11", 2],
      ["2008-01", 1],
      ["2008-03", 1],
      ["2008-04", 2],
      [null, 1],
    ]);
    // April 2008: I2 decided in 30 days, I3 in 10.
    expect(d.incidentGroups.groups[5].daysToDecision.sum).toBe(40);
  });

  test("qualifying deaths without a review, by board, in a financial year (filter and group together)", async () => {
    const d = await data(
      t,
      `{ incidentGroups(by: [BOARD, CALENDAR_YEAR], where: { qualifying: true, hasReview: false, notifiedOn: { financialYear: "2007-08" } }) {
          groups { board { name region { name } } calendarYear count { value } } } }`,
    );
    expect(d.incidentGroups.groups).toEqual([
      { board: { name: "Alpha LSCB", region: { name: "North East" } }, calendarYear: 2008, count: { value: 1 } },
    ]);
  });

  test("by flags: qualifying and covered by a review", async () => {
    const d = await data(t, `{ incidentGroups(by: [QUALIFYING, HAS_REVIEW]) { groups { qualifying hasReview count { value } } } }`);
    expect(counts(d.incidentGroups.groups, (g) => `${g.qualifying} ${g.hasReview}`)).toEqual([
      ["false false", 4],
      ["true false", 1],
      ["true true", 4],
    ]);
  });
});

describe("reviews", () => {
  test("by evaluation grade: declared order, ungraded and unevaluated together last", async () => {
    const d = await data(t, `{ reviewGroups(by: [EVALUATION_GRADE]) { groups { grade count { value } } } }`);
    expect(counts(d.reviewGroups.groups, (g) => g.grade)).toEqual([
      ["OUTSTANDING", 1],
      ["GOOD", 1],
      ["INADEQUATE", 2],
      [null, 2],
    ]);
  });

  test("inadequate reviews by region and financial year of evaluation", async () => {
    const d = await data(
      t,
      `{ reviewGroups(by: [REGION, FINANCIAL_YEAR], date: EVALUATED_ON, where: { evaluation: { grade: { eq: INADEQUATE } } }) {
          groups { region { code } financialYear count { value } } } }`,
    );
    expect(d.reviewGroups.groups).toEqual([
      { region: { code: "E12000001" }, financialYear: "2007-08", count: { value: 1 } },
      { region: { code: "E12000002" }, financialYear: "2008-09", count: { value: 1 } },
    ]);
  });

  test("by whether the target was met, with days to complete per group", async () => {
    const d = await data(
      t,
      `{ reviewGroups(by: [WITHIN_TARGET]) { groups { withinTarget count { value } daysToComplete { count sum avg min max } } } }`,
    );
    expect(d.reviewGroups.groups).toEqual([
      { withinTarget: false, count: { value: 3 }, daysToComplete: { count: 2, sum: 320, avg: 160, min: 122, max: 198 } },
      { withinTarget: true, count: { value: 3 }, daysToComplete: { count: 3, sum: 329, avg: 329 / 3, min: 86, max: 122 } },
    ]);
  });

  test("ordered by count, then paged: groups come in a stable order and say whether more follow", async () => {
    const q = `query($offset: Int) { reviewGroups(by: [BOARD], orderBy: [{ field: COUNT, direction: DESC }], first: 2, offset: $offset) {
      totalCount hasNextPage groups { board { name } count { value } } } }`;
    const p1 = (await data(t, q, { offset: 0 })).reviewGroups;
    expect(p1.totalCount).toBe(4);
    expect(p1.hasNextPage).toBe(true);
    expect(counts(p1.groups, (g) => g.board.name)).toEqual([
      ["Alpha LSCB", 2],
      ["Betax1 LSCB", 2],
    ]);
    const p2 = (await data(t, q, { offset: 2 })).reviewGroups;
    expect(p2.hasNextPage).toBe(false);
    expect(counts(p2.groups, (g) => g.board.name)).toEqual([
      ["Beta_1 LSCB", 1],
      ["Ðelta LSCB", 1],
    ]);
    const past = (await data(t, q, { offset: 10 })).reviewGroups;
    expect(past).toEqual({ totalCount: 4, hasNextPage: false, groups: [] });
  });

  test("ordered by a measure: average days to complete, longest first", async () => {
    const d = await data(
      t,
      `{ reviewGroups(by: [BOARD], orderBy: [{ field: DAYS_TO_COMPLETE_AVG, direction: DESC }]) { groups { board { name } daysToComplete { avg } } } }`,
    );
    expect(d.reviewGroups.groups.map((g: Json) => [g.board.name, g.daysToComplete.avg])).toEqual([
      ["Beta_1 LSCB", 198],
      ["Alpha LSCB", 122],
      ["Betax1 LSCB", 121.5],
      ["Ðelta LSCB", 86],
    ]);
  });
});

describe("findings and authors", () => {
  test("findings by source and category (declared order), and by their review's grade", async () => {
    const d = await data(
      t,
      `{ a: findingGroups(by: [SOURCE, CATEGORY]) { groups { source category count { value } } }
         b: findingGroups(by: [EVALUATION_GRADE]) { groups { grade count { value } } } }`,
    );
    expect(counts(d.a.groups, (g) => `${g.source} ${g.category}`)).toEqual([
      ["EVALUATION INSUFFICIENT_CHILD_FOCUS", 1],
      ["EVALUATION INFORMATION_GAPS", 1],
      ["EVALUATION PARTNER_NON_COOPERATION", 1],
      ["EVALUATION DELAY", 1],
      ["REVIEW USE_ALL_INFORMATION", 1],
      ["REVIEW MULTI_AGENCY_WORKING", 1],
    ]);
    expect(counts(d.b.groups, (g) => g.grade)).toEqual([
      ["INADEQUATE", 5],
      [null, 1],
    ]);
  });

  test("authors by independence and background, with reviews per author", async () => {
    const d = await data(
      t,
      `{ a: authorGroups(by: [INDEPENDENT]) { groups { independent count { value } reviews { sum avg } } }
         b: authorGroups(by: [BACKGROUND]) { groups { background count { value } } } }`,
    );
    expect(d.a.groups).toEqual([
      { independent: false, count: { value: 1 }, reviews: { sum: 2, avg: 2 } },
      { independent: true, count: { value: 2 }, reviews: { sum: 5, avg: 2.5 } },
    ]);
    expect(counts(d.b.groups, (g) => g.background)).toEqual([
      ["SOCIAL_WORK", 1],
      ["HEALTH", 1],
      ["POLICE", 1],
    ]);
  });
});

describe("refusals", () => {
  test.each([
    [`reviewGroups(by: [])`, /by: give at least one dimension to group by/],
    [`reviewGroups(by: [REGION, REGION])`, /by: REGION is given twice/],
    [`reviewGroups(by: [REGION, BOARD, CRITERIA, METHODOLOGY, MONTH, QUARTER])`, /by: at most 5 dimensions \(got 6\)/],
    [
      `reviewGroups(by: [REGION], orderBy: [{ field: BOARD }])`,
      /orderBy\.0\.field: BOARD is not grouped by; sort by COUNT, a measure, or one of REGION/,
    ],
    [`reviewGroups(by: [REGION], offset: -1)`, /offset must not be negative/],
    [`reviewGroups(by: [REGION], where: { initiatedOn: { month: "2007-1" } })`, /where\.initiatedOn\.month: month '2007-1' is not a month/],
  ])("%s is BAD_USER_INPUT", async (field, message) => {
    const e = await failure(t, `{ ${field} { totalCount } }`);
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.message).toMatch(message);
  });

  test("more than 100 groups to a page is refused naming the limit, as for connections", async () => {
    const e = await failure(t, `{ reviewGroups(by: [REGION], first: 101) { totalCount } }`);
    expect(e.message).toMatch(/first is 101, more than the largest page, 100/);
    expect(e.data).toBeUndefined(); // refused before execution: no partial answer
  });

  test("an unknown dimension is a validation error", async () => {
    const e = await failure(t, `{ reviewGroups(by: [COLOUR]) { totalCount } }`);
    expect(e.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
