// The computed yes/no fields are filters too, read from the same rule (src/domain/rules), on the hand-worked
// query fixture (test/helpers/query-fixture.ts). The minimum author standard: independent, REVIEW_METHODOLOGY
// at least TRAINED and at least five years of child protection practice, all held on the date.
//
//   AU-1 independent, REVIEW_METHODOLOGY TRAINED 2006-01-01 lapsing 2008-01-01, practice 6 years from 2006-01-01:
//        meets it on 2007-06-01 (7 years), not on 2008-01-01 (the methodology lapsed that day)
//   AU-2 not independent: never;  au-3 no child protection practice: never
//   Reviews by their overview authors on their decision dates: RV1 AU-1 (2007-04-20) meets; RV2 AU-2 no;
//   RV3 au-3 no; RV4 AU-1 (2007-10-31) meets; RV5 no overview author, so no; RV6 au-3 no.
import { data, failure, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const refs = (c: Json): string[] => c.edges.map((e: Json) => e.node.reference).sort();

test("authors who met the minimum standard on a date, and those who fell short", async () => {
  const d = await data(
    t,
    `{ met: authors(where: { meetsMinimumStandard: { at: "2007-06-01" } }) { totalCount edges { node { reference meetsMinimumStandard(at: "2007-06-01") { meets } } } }
       short: authors(where: { meetsMinimumStandard: { at: "2007-06-01", meets: false } }) { edges { node { reference meetsMinimumStandard(at: "2007-06-01") { meets } } } }
       lapsed: authors(where: { meetsMinimumStandard: { at: "2008-01-01" } }) { totalCount }
       eve: authors(where: { meetsMinimumStandard: { at: "2007-12-31" } }) { edges { node { reference } } } }`,
  );
  expect(refs(d.met)).toEqual(["AU-1"]);
  expect(refs(d.short)).toEqual(["AU-2", "au-3"]);
  // The filter and the field say the same.
  for (const e of [...d.met.edges, ...d.short.edges]) expect(e.node.meetsMinimumStandard.meets).toBe(refs(d.met).includes(e.node.reference));
  expect(d.lapsed.totalCount).toBe(0);
  expect(refs(d.eve)).toEqual(["AU-1"]);
});

test("reviews whose overview authors all met it on the decision date, and the rest", async () => {
  const d = await data(
    t,
    `{ yes: reviews(where: { authorsMeetStandard: true }) { edges { node { reference authorsMeetStandard } } }
       no: reviews(where: { authorsMeetStandard: false }) { edges { node { reference authorsMeetStandard } } }
       notYes: reviews(where: { NOT: { authorsMeetStandard: true } }) { totalCount } }`,
  );
  expect(refs(d.yes)).toEqual(["RV1", "RV4"]);
  expect(refs(d.no)).toEqual(["RV2", "RV3", "RV5", "RV6"]);
  for (const e of d.yes.edges) expect(e.node.authorsMeetStandard).toBe(true);
  for (const e of d.no.edges) expect(e.node.authorsMeetStandard).toBe(false);
  expect(d.notYes.totalCount).toBe(4);
});

test("combined with other filters, across relations and in group-by", async () => {
  const d = await data(
    t,
    `{ boards(where: { reviews: { some: { authorsMeetStandard: true, withinTarget: false } } }) { edges { node { name } } }
       reviews(where: { authors: { some: { meetsMinimumStandard: { at: "2007-06-01", meets: false } } } }) { edges { node { reference } } }
       reviewGroups(by: [BOARD], where: { authorsMeetStandard: true }) { groups { board { name } count { value } } } }`,
  );
  // RV1 (A) was completed on its target day; RV4 (C) a day late.
  expect(d.boards.edges.map((e: Json) => e.node.name)).toEqual(["Betax1 LSCB"]);
  // AU-2 wrote RV2 and chaired RV1; au-3 wrote RV3 and RV6.
  expect(refs(d.reviews)).toEqual(["RV1", "RV2", "RV3", "RV6"]);
  expect(d.reviewGroups.groups.map((g: Json) => [g.board.name, g.count.value]).sort()).toEqual([
    ["Alpha LSCB", 1],
    ["Betax1 LSCB", 1],
  ]);
});

test("bad input: not a date, an explicit null", async () => {
  const date = await failure(t, `{ authors(where: { meetsMinimumStandard: { at: "2007-02-30" } }) { totalCount } }`);
  // A literal that is not a date fails validation, before anything runs, as every Date does.
  expect([date.code, date.message]).toEqual(["GRAPHQL_VALIDATION_FAILED", expect.stringContaining("'2007-02-30' is not a date")]);
  const nulled = await failure(t, `{ authors(where: { meetsMinimumStandard: { at: "2007-06-01", meets: null } }) { totalCount } }`);
  expect([nulled.code, nulled.message]).toEqual([
    "BAD_USER_INPUT",
    "where.meetsMinimumStandard.meets is null; give true or false, or leave it out (true)",
  ]);
  const review = await failure(t, `{ reviews(where: { authorsMeetStandard: null }) { totalCount } }`);
  expect(review.code).toBe("BAD_USER_INPUT");
});
