// Ordering (related fields, enums in declared order, counts, absent values last, the id tiebreak) and Relay
// cursors in both directions. Expected orders are worked out by hand from test/helpers/query-fixture.ts.
import { data, failure, nodes, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const reviewOrder = async (orderBy: string) =>
  nodes((await data(t, `{ reviews(orderBy: ${orderBy}) { edges { node { reference } } } }`)).reviews, "reference");

describe("ordering", () => {
  test("by evaluation grade: OUTSTANDING first ascending, INADEQUATE first descending, ungraded last either way", async () => {
    expect(await reviewOrder(`[{ field: EVALUATION_GRADE }]`)).toEqual(["RV6", "RV1", "RV2", "RV4", "RV3", "RV5"]);
    expect(await reviewOrder(`[{ field: EVALUATION_GRADE, direction: DESC }]`)).toEqual(["RV2", "RV4", "RV1", "RV6", "RV3", "RV5"]);
  });

  test("by board name, in code point order on both databases ('_' before 'x', 'Ð' after ASCII), ties by id", async () => {
    expect(await reviewOrder(`[{ field: BOARD_NAME }]`)).toEqual(["RV1", "RV5", "RV2", "RV3", "RV4", "RV6"]);
  });

  test("by several keys: days to complete descending, then reference; open reviews last", async () => {
    expect(await reviewOrder(`[{ field: DAYS_TO_COMPLETE, direction: DESC }, { field: REFERENCE, direction: DESC }]`)).toEqual([
      "RV2",
      "RV4",
      "RV1",
      "RV3",
      "RV6",
      "RV5",
    ]);
    expect(await reviewOrder(`[{ field: COMPLETED_ON, direction: DESC }]`)).toEqual(["RV6", "RV4", "RV3", "RV2", "RV1", "RV5"]);
  });

  test("by counts of related rows", async () => {
    expect(await reviewOrder(`[{ field: FINDING_COUNT, direction: DESC }]`)).toEqual(["RV2", "RV4", "RV3", "RV1", "RV5", "RV6"]);
    const d = await data(
      t,
      `{ boards(orderBy: [{ field: REVIEW_COUNT, direction: DESC }]) { edges { node { name } } }
         regions(orderBy: [{ field: BOARD_COUNT }]) { edges { node { name } } }
         authors(orderBy: [{ field: REVIEW_COUNT, direction: DESC }]) { edges { node { reference } } } }`,
    );
    expect(nodes(d.boards, "name")).toEqual(["Alpha LSCB", "Betax1 LSCB", "Beta_1 LSCB", "Ðelta LSCB"]);
    expect(nodes(d.regions, "name")).toEqual(["London", "North East", "North West"]);
    expect(nodes(d.authors, "reference")).toEqual(["AU-1", "au-3", "AU-2"]);
  });

  test("incidents by nature (declared order), then notification date descending", async () => {
    const d = await data(t, `{ incidents(orderBy: [{ field: NATURE }, { field: NOTIFIED_ON, direction: DESC }]) { edges { node { reference } } } }`);
    expect(nodes(d.incidents, "reference")).toEqual(["I2", "I4", "I9", "I7", "I5", "I1", "I3", "I8", "I6"]);
  });

  test("incidents by region name, then decision date (the pending one last)", async () => {
    const d = await data(t, `{ incidents(orderBy: [{ field: REGION_NAME }, { field: DECISION_ON }]) { edges { node { reference } } } }`);
    // North East: I1 2007-04-20, I5 2007-07-01, I4 2008-01-10, I3 2008-04-11, I2 2008-04-30; North West: I7 and I9
    // both 2007-11-20 (id breaks the tie), I8 2008-03-20, I6 pending.
    expect(nodes(d.incidents, "reference")).toEqual(["I1", "I5", "I4", "I3", "I2", "I7", "I9", "I8", "I6"]);
  });

  test("findings by source then category, in declared order", async () => {
    const d = await data(t, `{ findings(orderBy: [{ field: SOURCE }, { field: CATEGORY }]) { edges { node { source category } } } }`);
    expect(d.findings.edges.map((e: Json) => `${e.node.source} ${e.node.category}`)).toEqual([
      "EVALUATION INSUFFICIENT_CHILD_FOCUS",
      "EVALUATION INFORMATION_GAPS",
      "EVALUATION PARTNER_NON_COOPERATION",
      "EVALUATION DELAY",
      "REVIEW USE_ALL_INFORMATION",
      "REVIEW MULTI_AGENCY_WORKING",
    ]);
  });

  test("a review's own lists are in declared enum order too", async () => {
    const d = await data(
      t,
      `{ review(reference: "RV2") { findings { category } } a: review(reference: "RV1") { authors { role author { reference } } } }`,
    );
    expect(d.review.findings.map((f: Json) => f.category)).toEqual(["INSUFFICIENT_CHILD_FOCUS", "PARTNER_NON_COOPERATION", "MULTI_AGENCY_WORKING"]);
    expect(d.a.authors.map((a: Json) => `${a.role} ${a.author.reference}`)).toEqual(["PANEL_CHAIR AU-2", "OVERVIEW_AUTHOR AU-1"]);
  });
});

describe("cursors", () => {
  const page = `query Page($first: Int, $after: String, $last: Int, $before: String) {
    reviews(orderBy: [{ field: EVALUATION_GRADE }], first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { reference } } } }`;
  const get = async (variables: Record<string, unknown>) => (await data(t, page, variables)).reviews;

  test("forward: pages of two follow the order to the end, and the last says so", async () => {
    const p1 = await get({ first: 2 });
    expect(nodes(p1, "reference")).toEqual(["RV6", "RV1"]);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = await get({ first: 2, after: p1.pageInfo.endCursor });
    expect(nodes(p2, "reference")).toEqual(["RV2", "RV4"]);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const p3 = await get({ first: 2, after: p2.pageInfo.endCursor });
    expect(nodes(p3, "reference")).toEqual(["RV3", "RV5"]);
    expect(p3.pageInfo.hasNextPage).toBe(false);
    expect(p3.totalCount).toBe(6);
  });

  test("backward: the last two, then the two before, back to the start", async () => {
    const p1 = await get({ last: 2 });
    expect(nodes(p1, "reference")).toEqual(["RV3", "RV5"]);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const p2 = await get({ last: 2, before: p1.pageInfo.startCursor });
    expect(nodes(p2, "reference")).toEqual(["RV2", "RV4"]);
    const p3 = await get({ last: 2, before: p2.pageInfo.startCursor });
    expect(nodes(p3, "reference")).toEqual(["RV6", "RV1"]);
    expect(p3.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  test("an edge's cursor pages from that edge", async () => {
    const all = await get({ first: 6 });
    const p = await get({ first: 3, after: all.edges[2].cursor });
    expect(nodes(p, "reference")).toEqual(["RV4", "RV3", "RV5"]);
  });

  test("a cursor that is garbage, or from another kind of list, is BAD_USER_INPUT", async () => {
    const garbage = await failure(t, page, { first: 2, after: "not-a-cursor" });
    expect(garbage.code).toBe("BAD_USER_INPUT");
    expect(garbage.message).toMatch(/after: 'not-a-cursor' is not a cursor/);
    const board = (await data(t, `{ boards(first: 1) { pageInfo { endCursor } } }`)).boards.pageInfo.endCursor;
    const other = await failure(t, page, { first: 2, after: board });
    expect(other.message).toBe("after: that cursor comes from a list of Board items, not Review items");
  });

  test("a cursor of a row that no longer exists is refused, not an empty page", async () => {
    const gone = Buffer.from("cursor:Review:999999").toString("base64url");
    const e = await failure(t, page, { first: 2, after: gone });
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.message).toMatch(/not an item of this list/);
  });

  test("a cursor still pages when its row no longer matches the filter", async () => {
    const all = await data(t, `{ reviews(orderBy: [{ field: REFERENCE }]) { edges { cursor node { reference } } } }`);
    const rv2 = all.reviews.edges[1].cursor;
    const d = await data(
      t,
      `query($after: String) { reviews(orderBy: [{ field: REFERENCE }], where: { withinTarget: true }, after: $after) { edges { node { reference } } } }`,
      { after: rv2 },
    );
    expect(nodes(d.reviews, "reference")).toEqual(["RV3", "RV6"]);
  });

  test("first: 0 is an empty page that knows more exist", async () => {
    const p = await get({ first: 0 });
    expect(p.edges).toEqual([]);
    expect(p.pageInfo.hasNextPage).toBe(true);
  });

  test("more than 100 is refused naming the limit (the code is the paging limits', test/api/http.test.ts)", async () => {
    const e = await failure(t, page, { first: 101 });
    expect(e.message).toMatch(/first is 101, more than the largest page, 100/);
    expect(e.data).toBeUndefined(); // refused before execution: no partial answer
  });

  test.each([
    [{ first: -1 }, /first must not be negative/],
    [{ first: 1, last: 1 }, /give first or last, not both/],
    [{ first: 1, before: "x" }, /first goes with after, not before/],
  ])("%j is BAD_USER_INPUT saying what is allowed", async (variables, message) => {
    const e = await failure(t, page, variables);
    expect(e.code).toBe("BAD_USER_INPUT");
    expect(e.message).toMatch(message);
  });
});
