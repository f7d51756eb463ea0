// Filters on every connection, root and nested: typed operators, AND/OR/NOT, conditions across relations,
// time buckets, and refusals. Expected rows are worked out by hand from test/helpers/query-fixture.ts.
import { data, failure, nodes } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const boardNames = async (where: string) =>
  nodes((await data(t, `{ boards(where: ${where}, orderBy: [{ field: CODE }]) { totalCount edges { node { name } } } }`)).boards, "name");
const reviewRefs = async (where: string) =>
  nodes((await data(t, `{ reviews(where: ${where}, orderBy: [{ field: REFERENCE }]) { edges { node { reference } } } }`)).reviews, "reference");
const incidentRefs = async (where: string) =>
  nodes((await data(t, `{ incidents(where: ${where}, orderBy: [{ field: REFERENCE }]) { edges { node { reference } } } }`)).incidents, "reference");

describe("text", () => {
  test("contains, startsWith and endsWith ignore the case of A-Z", async () => {
    expect(await boardNames(`{ name: { contains: "BETA" } }`)).toEqual(["Beta_1 LSCB", "Betax1 LSCB"]);
    expect(await boardNames(`{ name: { startsWith: "beta" } }`)).toEqual(["Beta_1 LSCB", "Betax1 LSCB"]);
    expect(await boardNames(`{ name: { endsWith: "A LSCB" } }`)).toEqual(["Alpha LSCB", "Ðelta LSCB"]);
  });

  test("% and _ are matched literally, not as wildcards", async () => {
    expect(await boardNames(`{ name: { contains: "a_1" } }`)).toEqual(["Beta_1 LSCB"]);
    expect(await boardNames(`{ name: { contains: "%" } }`)).toEqual([]);
  });

  test("only A-Z fold, identically on both databases: a non-ASCII capital matches only itself", async () => {
    expect(await boardNames(`{ name: { contains: "ÐELTA" } }`)).toEqual(["Ðelta LSCB"]);
    expect(await boardNames(`{ name: { contains: "ðelta" } }`)).toEqual([]);
  });

  test("eq, in and notIn are exact", async () => {
    expect(await boardNames(`{ name: { eq: "alpha lscb" } }`)).toEqual([]);
    expect(await boardNames(`{ code: { in: ["E06000001", "E06000004"] } }`)).toEqual(["Alpha LSCB", "Ðelta LSCB"]);
    expect(await boardNames(`{ code: { notIn: ["E06000001", "E06000004"] } }`)).toEqual(["Beta_1 LSCB", "Betax1 LSCB"]);
  });
});

describe("dates, numbers and absent values", () => {
  test("ranges are inclusive", async () => {
    expect(await reviewRefs(`{ completedOn: { gte: "2008-02-29", lte: "2008-03-01" } }`)).toEqual(["RV3", "RV4"]);
    expect(await reviewRefs(`{ completedOn: { gt: "2008-02-29", lt: "2008-04-10" } }`)).toEqual(["RV4"]);
  });

  test("ne and notIn never match an absent value; isNull finds it", async () => {
    // RV5 is open (no completion date), RV3 completed on 2008-02-29.
    expect(await reviewRefs(`{ completedOn: { ne: "2008-02-29" } }`)).toEqual(["RV1", "RV2", "RV4", "RV6"]);
    expect(await reviewRefs(`{ completedOn: { isNull: true } }`)).toEqual(["RV5"]);
    expect(await reviewRefs(`{ completedOn: { isNull: false } }`)).toEqual(["RV1", "RV2", "RV3", "RV4", "RV6"]);
  });

  test("computed days: days to complete, to notify and to decide", async () => {
    expect(await reviewRefs(`{ daysToComplete: { gte: 122 } }`)).toEqual(["RV1", "RV2", "RV4"]);
    expect(await reviewRefs(`{ daysToComplete: { lt: 100 } }`)).toEqual(["RV6"]);
    expect(await incidentRefs(`{ daysToNotify: { eq: 4 } }`)).toEqual(["I7", "I8"]);
    expect(await incidentRefs(`{ daysToDecision: { gte: 17 } }`)).toEqual(["I1", "I2", "I8"]);
    expect(await reviewRefs(`{ evaluation: { daysToEvaluate: { gt: 50 } } }`)).toEqual(["RV2", "RV6"]);
  });

  test("the four-month target: completed on the target day counts, 31 October + 4 months is 29 February 2008", async () => {
    expect(await reviewRefs(`{ withinTarget: true }`)).toEqual(["RV1", "RV3", "RV6"]);
    // RV4 completed on 1 March 2008, a day late; RV5 is still open long after its target.
    expect(await reviewRefs(`{ withinTarget: false }`)).toEqual(["RV2", "RV4", "RV5"]);
  });

  test("an enum filter: in, notIn, eq", async () => {
    expect(await incidentRefs(`{ nature: { in: [SERIOUS_HARM, NOT_KNOWN] } }`)).toEqual(["I3", "I6", "I8"]);
    expect(await incidentRefs(`{ decision: { notIn: [SCR_INITIATED, PENDING] } }`)).toEqual(["I2", "I3", "I4", "I8"]);
    expect(await reviewRefs(`{ methodology: { eq: SILP } }`)).toEqual(["RV4"]);
    expect(await reviewRefs(`{ evaluation: { grade: { isNull: true } } }`)).toEqual(["RV3"]);
  });
});

describe("time buckets in filters", () => {
  test("financial year, calendar year, quarter and month of a date", async () => {
    // I3 (1 April 2008) opens financial year 2008-09; I2 (31 March 2008) closes 2007-08.
    expect(await incidentRefs(`{ notifiedOn: { financialYear: "2007-08" } }`)).toEqual(["I1", "I2", "I4", "I5", "I6", "I7", "I8", "I9"]);
    expect(await incidentRefs(`{ notifiedOn: { financialYear: "2008-09" } }`)).toEqual(["I3"]);
    expect(await incidentRefs(`{ notifiedOn: { calendarYear: 2008 } }`)).toEqual(["I2", "I3", "I4", "I8"]);
    expect(await incidentRefs(`{ notifiedOn: { quarter: "2008-Q1" } }`)).toEqual(["I2", "I4", "I8"]);
    expect(await incidentRefs(`{ notifiedOn: { month: "2008-03" } }`)).toEqual(["I2", "I8"]);
  });

  test("buckets combine with each other and with ranges: all must hold", async () => {
    expect(await incidentRefs(`{ notifiedOn: { financialYear: "2007-08", calendarYear: 2008 } }`)).toEqual(["I2", "I4", "I8"]);
    expect(await incidentRefs(`{ notifiedOn: { financialYear: "2007-08", gt: "2008-03-03" } }`)).toEqual(["I2"]);
  });

  test("conditions that leave no date are refused, naming them", async () => {
    const e = await failure(t, `{ incidents(where: { notifiedOn: { financialYear: "2007-08", gte: "2009-01-01" } }) { totalCount } }`);
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.message).toMatch(
      /where\.notifiedOn: the conditions leave no date \(the latest start, 2009-01-01, is after the earliest end, 2008-03-31\)/,
    );
  });

  test("an absent date cannot also be in a bucket", async () => {
    const e = await failure(t, `{ reviews(where: { completedOn: { isNull: true, calendarYear: 2008 } }) { totalCount } }`);
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.message).toBe("where.completedOn: isNull: true cannot be combined with a time bucket");
  });

  test.each([
    [`financialYear: "2007-09"`, /financialYear '2007-09' is not a financial year/],
    [`quarter: "2007-Q5"`, /quarter '2007-Q5' is not a quarter; write it as YYYY-Qn/],
    [`month: "2007-13"`, /month '2007-13' is not a month; write it as YYYY-MM/],
    [`calendarYear: 207`, /calendarYear 207 is not a four-digit year/],
  ])("a malformed bucket (%s) is BAD_USER_INPUT saying how to write it", async (condition, message) => {
    const e = await failure(t, `{ incidents(where: { notifiedOn: { ${condition} } }) { totalCount } }`);
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.message).toMatch(message);
  });
});

describe("across relations", () => {
  test("reviews whose board is in a region", async () => {
    expect(await reviewRefs(`{ board: { region: { name: { eq: "North East" } } } }`)).toEqual(["RV1", "RV2", "RV5"]);
  });

  test("incidents with no review, and with an inadequately reviewed one", async () => {
    expect(await incidentRefs(`{ hasReview: false }`)).toEqual(["I2", "I3", "I4", "I6", "I8"]);
    expect(await incidentRefs(`{ review: { evaluation: { grade: { eq: INADEQUATE } } } }`)).toEqual(["I5"]);
  });

  test("boards with some qualifying death in a period; with none; whose every incident was a death", async () => {
    expect(await boardNames(`{ incidents: { some: { qualifying: true, notifiedOn: { financialYear: "2007-08" } } } }`)).toEqual([
      "Alpha LSCB",
      "Beta_1 LSCB",
      "Betax1 LSCB",
    ]);
    expect(await boardNames(`{ incidents: { none: { qualifying: true } } }`)).toEqual(["Ðelta LSCB"]);
    expect(await boardNames(`{ incidents: { every: { nature: { eq: DEATH } } } }`)).toEqual(["Beta_1 LSCB"]);
    expect(await boardNames(`{ reviews: { some: { evaluation: { grade: { eq: OUTSTANDING } } } } }`)).toEqual(["Ðelta LSCB"]);
  });

  test("reviews with a finding of a category, from a source", async () => {
    expect(await reviewRefs(`{ findings: { some: { category: { eq: DELAY } } } }`)).toEqual(["RV4"]);
    expect(await reviewRefs(`{ hasFinding: { source: { eq: EVALUATION }, category: { eq: PARTNER_NON_COOPERATION } } }`)).toEqual(["RV2"]);
    expect(await reviewRefs(`{ findings: { none: { source: { eq: EVALUATION } } } }`)).toEqual(["RV1", "RV3", "RV5", "RV6"]);
  });

  test("authors holding a competency, on a date (a lapsed one is no longer held)", async () => {
    const refs = async (where: string) =>
      nodes((await data(t, `{ authors(where: ${where}) { edges { node { reference } } } }`)).authors, "reference");
    expect(await refs(`{ holds: { area: REVIEW_METHODOLOGY } }`)).toEqual(["AU-1", "au-3"]);
    expect(await refs(`{ holds: { area: REVIEW_METHODOLOGY, heldOn: "2007-12-31" } }`)).toEqual(["AU-1", "au-3"]);
    // AU-1's training lapses on 1 January 2008.
    expect(await refs(`{ holds: { area: REVIEW_METHODOLOGY, heldOn: "2008-01-01" } }`)).toEqual(["au-3"]);
    expect(await refs(`{ holds: { area: CHILD_PROTECTION_PRACTICE, years: { gte: 5 } } }`)).toEqual(["AU-1"]);
    expect(await refs(`{ reviews: { some: { evaluation: { grade: { eq: INADEQUATE } } } } }`)).toEqual(["AU-1", "AU-2"]);
    expect(await refs(`{ background: { in: [HEALTH, POLICE] }, reference: { startsWith: "AU" } }`)).toEqual(["AU-2", "au-3"]);
  });

  test("reviews by their authors: some, and every (a review with no authors satisfies every)", async () => {
    expect(await reviewRefs(`{ authors: { some: { background: { eq: POLICE } } } }`)).toEqual(["RV3", "RV6"]);
    expect(await reviewRefs(`{ authors: { every: { independent: true } } }`)).toEqual(["RV3", "RV4", "RV5", "RV6"]);
  });

  test("reviews by their incidents; regions by their boards (London has none)", async () => {
    expect(await reviewRefs(`{ incidents: { none: {} } }`)).toEqual(["RV4", "RV5", "RV6"]);
    const regions = await data(
      t,
      `{ a: regions(where: { boards: { none: {} } }) { edges { node { name } } } b: regions(where: { boards: { some: { name: { startsWith: "Beta" } } } }) { edges { node { name } } } }`,
    );
    expect(nodes(regions.a, "name")).toEqual(["London"]);
    expect(nodes(regions.b, "name")).toEqual(["North East", "North West"]);
  });
});

describe("AND, OR and NOT", () => {
  test("OR and AND", async () => {
    expect(await reviewRefs(`{ OR: [{ criteria: { eq: INTERAGENCY_CONCERN } }, { evaluation: { grade: { eq: GOOD } } }] }`)).toEqual(["RV1", "RV4"]);
    expect(await reviewRefs(`{ AND: [{ initiatedOn: { gte: "2007-07-01" } }, { initiatedOn: { lte: "2007-10-31" } }] }`)).toEqual([
      "RV2",
      "RV3",
      "RV4",
    ]);
  });

  test("NOT is a complement: rows with an absent value are in it, so X and NOT X partition the list", async () => {
    // Not graded inadequate: includes RV3 (received, ungraded) and RV5 (never evaluated).
    expect(await reviewRefs(`{ NOT: { evaluation: { grade: { eq: INADEQUATE } } } }`)).toEqual(["RV1", "RV3", "RV5", "RV6"]);
    expect(await reviewRefs(`{ NOT: { completedOn: { lte: "2008-01-31" } } }`)).toEqual(["RV3", "RV4", "RV5", "RV6"]);
    expect(await reviewRefs(`{ completedOn: { lte: "2008-01-31" } }`)).toEqual(["RV1", "RV2"]);
  });
});

describe("nested connections take the same filters", () => {
  test("a board's reviews and incidents, filtered per board", async () => {
    const d = await data(
      t,
      `{ boards(orderBy: [{ field: CODE }]) { edges { node { name
          reviews(where: { withinTarget: true }) { totalCount edges { node { reference } } }
          incidents(where: { notifiedOn: { quarter: "2007-Q4" } }) { totalCount edges { node { reference } } } } } } }`,
    );
    const rows = d.boards.edges.map((e: { node: { name: string; reviews: never; incidents: never } }) => [
      e.node.name,
      nodes(e.node.reviews, "reference"),
      nodes(e.node.incidents, "reference"),
    ]);
    expect(rows).toEqual([
      ["Alpha LSCB", ["RV1"], []],
      ["Beta_1 LSCB", [], []],
      ["Betax1 LSCB", ["RV3"], ["I7", "I9"]],
      ["Ðelta LSCB", ["RV6"], []],
    ]);
  });

  test("a region's boards", async () => {
    const d = await data(t, `{ regions { edges { node { name boards(where: { inForceOn: "2009-04-01" }) { totalCount } } } } }`);
    expect(d.regions.edges.map((e: { node: { name: string; boards: { totalCount: number } } }) => [e.node.name, e.node.boards.totalCount])).toEqual([
      ["North East", 2],
      ["North West", 1],
      ["London", 0],
    ]);
  });
});

describe("refusals: nothing is silently widened", () => {
  test("an explicit null for a condition is BAD_USER_INPUT naming it", async () => {
    for (const [where, path] of [
      [`{ board: null }`, "where.board"],
      [`{ hasReview: null }`, "where.hasReview"],
      [`{ notifiedOn: { eq: null } }`, "where.notifiedOn.eq"],
      [`{ AND: [{ board: { region: null } }] }`, "where.AND.0.board.region"],
    ]) {
      const e = await failure(t, `{ incidents(where: ${where}) { totalCount } }`);
      expect(e.code).toBe("BAD_USER_INPUT");
      expect(e.message).toContain(path);
    }
  });

  test("a range the wrong way round is BAD_USER_INPUT", async () => {
    const e = await failure(t, `{ reviews(where: { initiatedOn: { gte: "2008-01-01", lte: "2007-01-01" } }) { totalCount } }`);
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.message).toBe("where.initiatedOn: gte 2008-01-01 is not below lte 2007-01-01; a range runs from the lower bound to the upper one");
    const n = await failure(t, `{ reviews(where: { daysToComplete: { gt: 10, lt: 10 } }) { totalCount } }`);
    expect(n.message).toMatch(/where\.daysToComplete: gt 10 is not below lt 10/);
  });

  test("a date that is not a calendar date, an unknown field or enum value: the standard validation error", async () => {
    const date = await failure(t, `{ reviews(where: { initiatedOn: { gte: "2007-02-30" } }) { totalCount } }`);
    expect(date.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(date.message).toMatch(/'2007-02-30' is not a date/);
    const variable = await failure(t, `query($d: Date) { reviews(where: { initiatedOn: { gte: $d } }) { totalCount } }`, { d: "2007-02-30" });
    expect(variable.code).toBe("BAD_USER_INPUT");
    const field = await failure(t, `{ reviews(where: { colour: { eq: "red" } }) { totalCount } }`);
    expect(field.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const value = await failure(t, `{ reviews(where: { criteria: { eq: WHIM } }) { totalCount } }`);
    expect(value.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
