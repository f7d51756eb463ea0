// The cost model charges a list over reference data the longest it is in the database, and learns a new
// length when the bounds are read again (at start, every 10 minutes, or on refresh()).
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const everyRegionsBoards = `{ regions(first: 100) { edges { node { code boards(first: 100) { edges { node { code } } } } } } }`;
const costOf = async () => (await t.query(everyRegionsBoards)).extensions?.cost;

test("a board added to the largest region raises its bound once the bounds are read again", async () => {
  // 9 regions, London's 33 boards the most: 1 + 9 × (edges + node + code + boards = 4 + 33 × 3) = 928.
  expect(await costOf()).toEqual({ requested: 928, budget: 50_000 });
  const london = await t.database.db.region.findFirstOrThrow({ where: { code: "E12000007" } });
  await t.database.db.board.create({
    data: { code: "E09999999", dfeCode: "999", name: "A board added for this test", regionId: london.id, inForceFrom: "2009-04-01" },
  });
  // Until they are read again the cost is the one the server started with.
  expect(await costOf()).toEqual({ requested: 928, budget: 50_000 });
  await t.server.listBounds.refresh();
  // 34 boards now: 1 + 9 × (4 + 34 × 3) = 955.
  expect(await costOf()).toEqual({ requested: 955, budget: 50_000 });
});
