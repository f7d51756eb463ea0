// What a role may do is read from one table (src/domain/roles.ts) by every consumer: the schema it is served,
// scopes, suppression, the periods it may ask about, its cost budget and the request audit. Proved through the
// real server by giving ANALYST, in this test's copy of the table, exactly the research partner's entry: an
// ANALYST key must then behave as a PARTNER key in every respect. A new partner-like role is that one entry.
import { startTestServer, type TestServer } from "../helpers/server";

jest.mock("../../src/domain/roles", () => {
  const actual = jest.requireActual<typeof import("../../src/domain/roles")>("../../src/domain/roles");
  const table = actual.ROLE_CAPABILITIES as Record<string, unknown>;
  table.ANALYST = { ...actual.ROLE_CAPABILITIES.PARTNER };
  return actual;
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const prefixOf = (key: string) => key.split("_")[1]!;
let analystRequests = 0;
const asAnalyst = (query: string) => {
  analystRequests++;
  return t.query(query, {}, { key: t.keys.ANALYST });
};

test("the key is served the statistical schema: case-level fields do not exist for it", async () => {
  const r = await asAnalyst(`{ incidents(first: 1) { totalCount } }`);
  expect(r.status).toBe(400);
  expect(r.errors).toEqual([expect.objectContaining({ message: 'Cannot query field "incidents" on type "Query".' })]);
  expect(r.errors![0]!.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED" });
  // STEWARD keeps its own entry: the full schema.
  const steward = await t.query(`{ incidents(first: 1) { totalCount } }`, {}, { key: t.keys.STEWARD });
  expect(steward.errors).toBeUndefined();
});

test("its budget is the partner's, 20,000, and a query over it is refused naming that budget", async () => {
  const viewer = await asAnalyst(`{ viewer { role costBudget } }`);
  expect(viewer.data).toEqual({ viewer: { role: "ANALYST", costBudget: 20_000 } });
  // Each alias: 1 + 100 boards x (edges 1 + node 1 + code 1 + childPopulations 1 + 5 x year 1) = 901 (a board has
  // at most 5 populations on the seed: the list's bound); 23 of them cost 20,723, over the partner's budget and
  // within the others'.
  const boards = `boards(first: 100) { edges { node { code childPopulations { year } } } }`;
  const query = `{ ${Array.from({ length: 23 }, (_, i) => `b${i}: ${boards}`).join(" ")} }`;
  const admin = await t.query(query, {}, { key: t.keys.ADMIN });
  expect(admin.errors).toBeUndefined();
  expect(admin.extensions?.cost).toEqual({ requested: 20_723, budget: 50_000 });
  const r = await asAnalyst(query);
  expect(r.status).toBe(400);
  expect(r.errors![0]!.extensions).toMatchObject({ code: "QUERY_LIMIT_EXCEEDED", limit: { name: "cost", max: 20_000, actual: 20_723 } });
  expect(r.errors![0]!.message).toContain("more than the ANALYST budget of 20000");
});

test("it asks about one financial year at a time; the roles that may ask more are named from the table", async () => {
  const r = await asAnalyst(`{ nationalStats(period: { from: "2007-04-01", to: "2008-08-31" }) { deaths { value } } }`);
  expect(r.status).toBe(403);
  expect(r.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", requiredRoles: ["STEWARD", "ADMIN"] });
  expect(r.errors![0]!.message).toMatch(/needs the STEWARD or ADMIN role; this key's role is ANALYST\.$/);
});

test("its figures are suppressed exactly as a research partner's", async () => {
  const query = `{ regions(first: 9) { edges { node { code boards(first: 100) { edges { node { code stats(period: { financialYear: "2007-08" }) { deaths { value status } qualifyingDeaths { value status } } } } } } } } }`;
  const analyst = await asAnalyst(query);
  const partner = await t.query(query, {}, { key: t.keys.PARTNER });
  const admin = await t.query(query, {}, { key: t.keys.ADMIN });
  expect(analyst.errors).toBeUndefined();
  expect(analyst.data).toEqual(partner.data);
  const statuses = (data: unknown) => JSON.stringify(data).match(/"status":"SUPPRESSED"/g)?.length ?? 0;
  // The partner's answer withholds figures that ADMIN, with its own entry, sees.
  expect(statuses(analyst.data)).toBeGreaterThan(0);
  expect(statuses(admin.data)).toBe(0);
});

test("every one of its requests is in the audit log, refusals included", async () => {
  const events = await t.query(
    `query Events($prefix: String) { auditEvents(first: 1, where: { action: [REQUEST_PARTNER], actorKeyPrefix: $prefix }) { totalCount } }`,
    { prefix: prefixOf(t.keys.ANALYST) },
    { key: t.keys.ADMIN },
  );
  expect(analystRequests).toBe(5);
  expect(events.data).toEqual({ auditEvents: { totalCount: analystRequests } });
});
