// A request sent again skips the checks it passed before: the document checks remember the document's text
// (document-checks.ts) and the operation checks the operation with its variables, role and cost
// (operation-checks.ts). Here one document is sent again with variables that must change the outcome, through
// the real HTTP server: what passed once must not let anything else through, and a refusal stays a refusal.
import { LIMITS } from "../../src/limits";
import { postRaw, type RawResponse } from "../helpers/query";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const post = (variables: Record<string, unknown>) => postRaw(t, { query: BOARDS, variables });

const BOARDS = `query($n: Int, $w: BoardWhere) { boards(first: $n, where: $w) { totalCount } }`;
const ONE_BOARD = { code: { eq: "E06000005" } };
/** NOT wrapped `n` times around ONE_BOARD: n + 2 objects deep; an even number of NOTs is ONE_BOARD itself. */
const nots = (n: number): unknown => (n === 0 ? ONE_BOARD : { NOT: nots(n - 1) });

function expectRefused(r: RawResponse, code: string, limit: string) {
  expect(r.status).toBe(400);
  expect(r.body.data ?? null).toBeNull();
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors![0]!.extensions?.code).toBe(code);
  expect((r.body.errors![0]!.extensions?.limit as { name: string }).name).toBe(limit);
}

test("the cost is worked out for each page size, and a page size over the limit is refused after the same document passed", async () => {
  // A connection costs 1 and multiplies what is selected in it (totalCount: 1) by its page size.
  const ten = await post({ n: 10, w: ONE_BOARD });
  expect(ten.status).toBe(200);
  expect(ten.body).toMatchObject({ data: { boards: { totalCount: 1 } }, extensions: { cost: { requested: 11, budget: 50_000 } } });

  const over = await t.statements(() => post({ n: LIMITS.pageSize + 1, w: ONE_BOARD }));
  expectRefused(over.result, "BAD_USER_INPUT", "pageSize");
  expect(withoutAuthentication(over.sql)).toEqual([]);

  // Sent again, each is answered as the first time: the remembered pass carries its own cost.
  const again = await post({ n: 10, w: ONE_BOARD });
  expect(again.body).toMatchObject({ data: { boards: { totalCount: 1 } }, extensions: { cost: { requested: 11, budget: 50_000 } } });
  const five = await post({ n: 5, w: ONE_BOARD });
  expect(five.body).toMatchObject({ data: { boards: { totalCount: 1 } }, extensions: { cost: { requested: 6, budget: 50_000 } } });
  const overAgain = await t.statements(() => post({ n: LIMITS.pageSize + 1, w: ONE_BOARD }));
  expectRefused(overAgain.result, "BAD_USER_INPUT", "pageSize");
  expect(withoutAuthentication(overAgain.sql)).toEqual([]);
});

test("variables nested past the limit are refused before the key, though the document passed its checks before", async () => {
  const deepest = await post({ n: 1, w: nots(LIMITS.inputDepth - 2) });
  expect(deepest.status).toBe(200);
  expect(deepest.body.data).toEqual({ boards: { totalCount: 1 } });

  const over = await t.statements(() => post({ n: 1, w: nots(LIMITS.inputDepth - 1) }));
  expectRefused(over.result, "QUERY_LIMIT_EXCEEDED", "inputDepth");
  expect(over.result.body.errors![0]!.extensions?.limit).toEqual({ name: "inputDepth", max: 32, actual: 33 });
  expect(withoutAuthentication(over.sql)).toEqual([]);

  // And the shallower request is still answered afterwards.
  expect((await post({ n: 1, w: nots(2) })).body.data).toEqual({ boards: { totalCount: 1 } });
});
