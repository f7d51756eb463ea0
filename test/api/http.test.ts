// The HTTP contract: keys, status codes, GET and POST, masking, limits on page size and body size.
import { graphql } from "../gql";
import type { PageQuery, PageQueryVariables } from "../gql/graphql";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const Regions = graphql(`
  query HttpRegions {
    regions {
      totalCount
    }
  }
`);

describe("a request without a valid key gets 401 and no data", () => {
  test.each([
    ["no key", null],
    ["a malformed key", "not-a-key"],
    ["an unknown key", "scr_abcdefghijkl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("%s", async (_label, key) => {
    const r = await t.query(Regions, {}, { key });
    expect(r.status).toBe(401);
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(r.errors?.[0]?.message).toMatch(/valid API key is required.*Authorization: Bearer/);
  });

  test("a revoked key and an expired key are refused alike", async () => {
    const db = t.database.db;
    const { createKey } = await import("../../src/domain/keys");
    const revoked = await createKey(db, { role: "ANALYST", label: "revoked", actor: "test" });
    await db.apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date(Date.now() - 1000) } });
    const expired = await createKey(db, {
      role: "ANALYST",
      label: "expired",
      actor: "test",
      expiresAt: new Date(Date.now() - 1000),
      now: new Date(Date.now() - 60_000),
    });
    for (const key of [revoked.key, expired.key]) {
      const r = await t.query(Regions, {}, { key });
      expect(r.status).toBe(401);
      expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
  });
});

test("with a key: nine regions", async () => {
  const r = await t.query(Regions);
  expect(r.status).toBe(200);
  expect(r.data).toEqual({ regions: { totalCount: 9 } });
});

test("GET /graphql works for a query with a key and a preflight header", async () => {
  const url = `${t.url}?query=${encodeURIComponent("{ regions { totalCount } }")}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${t.keys.ANALYST}`, "apollo-require-preflight": "1" } });
  expect(response.status).toBe(200);
  // 1 + 9 × 1: the default page of 20 is cut to the 9 regions there are (src/domain/list-bounds.ts).
  expect(await response.json()).toEqual({ data: { regions: { totalCount: 9 } }, extensions: { cost: { requested: 10, budget: 50_000 } } });
});

test("health endpoints need no key", async () => {
  const base = t.url.replace(/\/graphql$/, "");
  expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: "ok" });
  const ready = await fetch(`${base}/health/ready`);
  expect(ready.status).toBe(200);
});

describe("page sizes", () => {
  test("first: 101 is refused naming the limit, before any SQL runs", async () => {
    const { result, sql } = await t.statements(() => t.query(`{ boards(first: 101) { totalCount } }`));
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions?.limit).toEqual({ name: "pageSize", max: 100, actual: 101 });
    expect(result.errors?.[0]?.message).toMatch(/first is 101, more than the largest page, 100/);
    // Authentication reads the key; nothing else runs.
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("limits apply to nested connections and through variables", async () => {
    const r = await t.query(`query($n: Int) { regions { edges { node { boards(first: $n) { totalCount } } } } }`, { n: 500 });
    expect(r.errors?.[0]?.message).toMatch(/first is 500/);
  });

  test("negative first, and first with last, are refused", async () => {
    expect((await t.query(`{ boards(first: -1) { totalCount } }`)).errors?.[0]?.message).toMatch(/must not be negative/);
    expect((await t.query(`{ boards(first: 2, last: 2) { totalCount } }`)).errors?.[0]?.message).toMatch(/first or last, not both/);
  });

  test("first: 100 is allowed and pages never repeat or skip", async () => {
    const page = graphql(`
      query Page($after: String) {
        boards(first: 60, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              code
            }
          }
        }
      }
    `);
    const seen: string[] = [];
    let after: string | null = null;
    for (let more = true; more;) {
      const response: Awaited<ReturnType<typeof t.query<PageQuery, PageQueryVariables>>> = await t.query(page, { after });
      const boards = response.data!.boards;
      seen.push(...boards.edges.map((e) => e.node.code));
      more = boards.pageInfo.hasNextPage;
      after = boards.pageInfo.endCursor ?? null;
    }
    expect(seen).toHaveLength(154);
    expect(new Set(seen).size).toBe(154);
    expect((await t.query(`{ boards(first: 100) { edges { cursor } } }`)).data).toBeTruthy();
  });
});

test("unknown ids and references give null, not an error", async () => {
  const r = await t.query(
    `{ board(code: "E99999999") { name } region(code: "nope") { name } review(reference: "SCR-0000-0000") { reference } node(id: "Qm9hcmQ6OTk5OTk5") { id } }`,
  );
  expect(r.errors).toBeUndefined();
  expect(r.data).toEqual({ board: null, region: null, review: null, node: null });
});

test("a malformed global ID, or one of no known type, is BAD_USER_INPUT", async () => {
  const other = Buffer.from("Secret:1").toString("base64url");
  for (const id of ["xyz", other]) {
    const r = await t.query(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(/is not a global ID of SCR Atlas/);
  }
});

test("global IDs round-trip through node and nodes", async () => {
  const r = await t.query(`{ boards(first: 2, orderBy: [{ field: CODE }]) { edges { node { id code } } } }`);
  const boards = (r.data as { boards: { edges: { node: { id: string; code: string } }[] } }).boards.edges.map((e) => e.node);
  const back = await t.query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Board { code } } }`, { ids: boards.map((b) => b.id) });
  expect(back.data).toEqual({ nodes: boards.map((b) => ({ code: b.code })) });
});

test("a request body over the limit gets 413 and a JSON error", async () => {
  const response = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
    body: JSON.stringify({ query: `{ regions { totalCount } }`, padding: "x".repeat(200 * 1024) }),
  });
  expect(response.status).toBe(413);
  expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
});

test("an unexpected internal error is masked and carries a request id", async () => {
  // Take a table away under the server: the resolver's SQL fails, and the client must not see why.
  const db = t.database.db;
  await db.$executeRawUnsafe(`ALTER TABLE "Region" RENAME TO "RegionAway"`);
  try {
    const r = await t.query(`{ regions { edges { node { code } } } }`);
    const error = r.errors?.[0];
    expect(error?.extensions?.code).toBe("INTERNAL");
    expect(error?.message).toBe("Internal error; quote the requestId to the operators to trace it.");
    expect(error?.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(r.errors)).not.toMatch(/RegionAway|SQL|prisma|stack|\.ts:/i);
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE "RegionAway" RENAME TO "Region"`);
  }
});
