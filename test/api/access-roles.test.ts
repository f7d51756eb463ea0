// The role-by-field matrix through the real HTTP server: what each role may read and write, FORBIDDEN naming
// the role a field needs, and a research partner trying every mutation with the database unchanged after. A
// research partner's key is served the partner's schema (src/schema/access/surface.ts): what lies outside it
// fails validation, exactly as a field that does not exist, whatever the data.
import { getIntrospectionQuery } from "graphql";
import { schema } from "../../src/schema";
import { startTestServer, type TestServer } from "../helpers/server";
import type { RecordKindName } from "../../src/domain/records";
import { VALID } from "../helpers/steward-cases";
import { TYPE_NAME } from "../helpers/steward";

let t: TestServer;
let ids: { incident: string; review: string; finding: string; evaluation: string; reference: string; apiKey: string };

beforeAll(async () => {
  t = await startTestServer({ seeded: true });
  const r = await t.query<
    {
      incidents: { edges: { node: { id: string } }[] };
      reviews: { edges: { node: { id: string; reference: string; evaluation: { id: string } | null; findings: { id: string }[] } }[] };
      apiKeys: { edges: { node: { id: string } }[] };
    },
    Record<string, never>
  >(
    `{ incidents(first: 1) { edges { node { id } } }
       reviews(first: 1, where: { evaluation: { grade: { isNull: false } } }) { edges { node { id reference evaluation { id } findings { id } } } }
       apiKeys(first: 1) { edges { node { id } } } }`,
    {},
    { key: t.keys.ADMIN },
  );
  expect(r.errors).toBeUndefined();
  const review = r.data!.reviews.edges[0]!.node;
  ids = {
    incident: r.data!.incidents.edges[0]!.node.id,
    review: review.id,
    reference: review.reference,
    evaluation: review.evaluation!.id,
    finding: review.findings[0]!.id,
    apiKey: r.data!.apiKeys.edges[0]!.node.id,
  };
});
afterAll(() => t.close());

const ROLES = ["ADMIN", "STEWARD", "ANALYST", "PARTNER"] as const;
type RoleName = (typeof ROLES)[number];
const EVERYONE: RoleName[] = ["ADMIN", "STEWARD", "ANALYST", "PARTNER"];
const CASE_DETAIL: RoleName[] = ["ADMIN", "STEWARD", "ANALYST"];
const ADMIN: RoleName[] = ["ADMIN"];

const FY = `period: { financialYear: "2007-08" }`;

/** What each probe reads, and the roles that may. */
const MATRIX: [string, () => string, RoleName[]][] = [
  ["regions and boards", () => `{ regions { totalCount edges { node { code name boards(first: 2) { edges { node { code name } } } } } } }`, EVERYONE],
  [
    "national, regional and board stats",
    () =>
      `{ nationalStats(${FY}) { deaths { status } } region(code: "E12000002") { stats(${FY}) { deaths { status } } } board(code: "E08000003") { stats(${FY}) { deathRate { status } } } }`,
    EVERYONE,
  ],
  ["silent boards", () => `{ silentBoards(${FY}, first: 5) { edges { node { name } } } }`, EVERYONE],
  [
    "authors without their names",
    () => `{ authors(first: 3) { edges { node { reference background independent competencies { area } } } } }`,
    CASE_DETAIL,
  ],
  ["the viewer", () => `{ viewer { role label keyPrefix costBudget } }`, EVERYONE],
  ["an author's name", () => `{ authors(first: 1) { edges { node { displayName } } } }`, CASE_DETAIL],
  ["incidents (a count)", () => `{ incidents(first: 1) { totalCount } }`, CASE_DETAIL],
  ["a decision's rationale", () => `{ incidents(first: 1) { edges { node { decisionRationale } } } }`, CASE_DETAIL],
  ["reviews", () => `{ reviews(first: 1) { edges { node { reference } } } }`, CASE_DETAIL],
  ["a review by reference", () => `{ review(reference: "${ids.reference}") { reference } }`, CASE_DETAIL],
  ["findings with their words", () => `{ findings(first: 1) { edges { node { category summary } } } }`, CASE_DETAIL],
  [
    "a board's incidents and reviews",
    () => `{ board(code: "E08000003") { incidents(first: 1) { totalCount } reviews(first: 1) { totalCount } } }`,
    CASE_DETAIL,
  ],
  ["an incident by global ID", () => `{ node(id: "${ids.incident}") { id ... on Incident { reference } } }`, CASE_DETAIL],
  ["a review by global ID", () => `{ node(id: "${ids.review}") { id } }`, CASE_DETAIL],
  ["an evaluation and a finding by global ID", () => `{ nodes(ids: ["${ids.evaluation}", "${ids.finding}"]) { id } }`, CASE_DETAIL],
  // A year's incident and review groupings and a variation's values come from the suppressed Stats table for a
  // partner (test/api/partner-groups.test.ts); a finding group-by and a variation's correlation do not.
  [
    "incident and review group-bys of a year",
    () => `{ incidentGroups(by: [REGION], ${FY}) { totalCount } reviewGroups(by: [REGION], ${FY}) { groups { count { status } } } }`,
    EVERYONE,
  ],
  ["a finding group-by", () => `{ findingGroups(by: [CATEGORY]) { totalCount } }`, CASE_DETAIL],
  ["a variation's values", () => `{ variation(${FY}, level: BOARD, metric: DEATH_RATE) { mean units { value } } }`, EVERYONE],
  ["a variation's correlation", () => `{ variation(${FY}, level: BOARD, metric: DEATH_RATE) { correlation } }`, CASE_DETAIL],
  ["author group-by", () => `{ authorGroups(by: [BACKGROUND]) { groups { background count { value status } } } }`, CASE_DETAIL],
  ["API keys", () => `{ apiKeys(first: 1) { totalCount edges { node { prefix role } } } }`, ADMIN],
  ["an API key by global ID", () => `{ node(id: "${ids.apiKey}") { id } }`, ADMIN],
  ["the audit log", () => `{ auditEvents(first: 1) { totalCount } }`, ADMIN],
];

describe.each(MATRIX)("%s", (_name, query, allowed) => {
  test.each(ROLES)("%s", async (role) => {
    const r = await t.query(query(), {}, { key: t.keys[role] });
    if (allowed.includes(role)) {
      expect(r.status).toBe(200);
      expect(r.errors).toBeUndefined();
      return;
    }
    if (role === "PARTNER" && /^\{ nodes?\(/.test(query()) && !query().includes("... on")) {
      // An id of a type outside the partner's schema is null, as one that names nothing: no way to count a table.
      expect(r.status).toBe(200);
      expect(r.errors).toBeUndefined();
      expect(Object.values(r.data as Record<string, unknown>).flat()).toEqual(query().startsWith("{ nodes") ? [null, null] : [null]);
      return;
    }
    if (role === "PARTNER") {
      expect(r.status).toBe(400);
      expect(r.data).toBeUndefined();
      for (const error of r.errors!) {
        expect(error.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
        expect(error.message).toMatch(/^Cannot query field "\w+" on type "\w+"\.|^Unknown type "\w+"\./);
      }
      return;
    }
    expect(r.status).toBe(200);
    expect(r.errors?.length).toBeGreaterThan(0);
    for (const error of r.errors!) {
      expect(error.extensions?.code).toBe("FORBIDDEN");
      expect(error.extensions?.requiredRoles).toEqual(allowed.length === 1 ? ["ADMIN"] : ["ANALYST", "STEWARD", "ADMIN"]);
      expect(error.message).toMatch(
        new RegExp(`needs the ${allowed.length === 1 ? "ADMIN" : "ANALYST, STEWARD or ADMIN"} role; this key's role is ${role}\\.$`),
      );
    }
  });
});

test("a refused field names itself and the role it needs; the rest of the answer stands", async () => {
  const r = await t.query<{ viewer: { role: string }; node: { id: string } | null }, Record<string, never>>(
    `{ viewer { role } node(id: "${ids.apiKey}") { id } }`,
    {},
    { key: t.keys.ANALYST },
  );
  expect(r.errors).toHaveLength(1);
  expect(r.errors?.[0]?.message).toBe("Query.node needs the ADMIN role; this key's role is ANALYST.");
  expect(r.errors?.[0]?.path).toEqual(["node"]);
  expect(r.data).toEqual({ viewer: { role: "ANALYST" }, node: null });
});

// ---- Writes -------------------------------------------------------------------------------------------------

type Call = string | [string, Record<string, unknown>];

/** A steward's mutation, with a well-formed input (it is refused before it runs, whatever the data). */
function stewardCall(verb: "create" | "update" | "withdraw", kind: RecordKindName): [string, Call] {
  const name = `${verb}${TYPE_NAME[kind]}`;
  const fields = Object.entries(VALID[kind] as unknown as Record<string, unknown>);
  const keyOnly = Object.fromEntries(fields.filter(([f]) => STEWARD_KEYS[kind].includes(f)));
  const input = verb === "create" ? VALID[kind] : verb === "update" ? { ...keyOnly, version: 1 } : { ...keyOnly, version: 1, reason: "test" };
  const type = `${verb[0]!.toUpperCase()}${verb.slice(1)}${TYPE_NAME[kind]}Input`;
  return [name, [`mutation($input: ${type}!) { ${name}(input: $input) { __typename } }`, { input }]];
}
const STEWARD_KEYS: Record<RecordKindName, string[]> = {
  board: ["code"],
  population: ["boardCode", "year"],
  incident: ["reference"],
  review: ["reference"],
  evaluation: ["reviewReference"],
  finding: ["reviewReference", "source", "category"],
  author: ["reference"],
  competency: ["authorReference", "area", "attainedOn"],
  authorship: ["reviewReference", "authorReference", "role"],
};

/** Mutations only ADMIN may call (keys); a STEWARD is refused them. */
const ADMIN_MUTATIONS: Record<string, () => Call> = {
  createApiKey: () => `mutation { createApiKey(input: { role: ANALYST, label: "made by a partner?" }) { secret errors { __typename } } }`,
  revokeApiKey: () =>
    `mutation { revokeApiKey(input: { prefix: "${t.keys.ANALYST.split("_")[1]}" }) { apiKey { revokedAt } errors { __typename } } }`,
  recordCoverage: () =>
    `mutation { recordCoverage(input: { source: EVALUATIONS, completeFrom: "2006-04-01", completeTo: "2006-04-02" }) { coverage { source } errors { __typename } } }`,
  createRelease: () =>
    `mutation { createRelease(input: { name: "made by a partner?", publishedOn: "2008-07-15", periods: [{ financialYear: "2007-08" }] }) { release { name } errors { __typename } } }`,
};

/** A call of every mutation in the schema, with input that would succeed for ADMIN. */
const MUTATIONS: Record<string, () => Call> = {
  ...ADMIN_MUTATIONS,
  ...Object.fromEntries(
    (Object.keys(TYPE_NAME) as RecordKindName[]).flatMap((kind) =>
      (kind === "authorship" ? (["create", "withdraw"] as const) : (["create", "update", "withdraw"] as const)).map((verb) => {
        const [name, call] = stewardCall(verb, kind);
        return [name, () => call] as const;
      }),
    ),
  ),
};

const ask = (call: Call, key: string) => (typeof call === "string" ? t.query(call, {}, { key }) : t.query(call[0], call[1], { key }));

/** The mutations of ADMIN_MUTATIONS a STEWARD key may run too. */
const STEWARD_MUTATIONS = new Set(["recordCoverage", "createRelease"]);

test("the list of mutations tried below is every mutation in the schema", () => {
  expect(Object.keys(MUTATIONS).sort()).toEqual(Object.keys(schema.getMutationType()!.getFields()).sort());
});

/** Every row of every table that holds data or keys, to compare before and after. */
async function snapshot() {
  const db = t.database.db;
  const [apiKeys, auditEvents, regions, boards, incidents, reviews, evaluations, findings, authors] = await Promise.all([
    db.apiKey.findMany({ orderBy: { id: "asc" }, select: { id: true, prefix: true, role: true, label: true, expiresAt: true, revokedAt: true } }),
    db.auditEvent.findMany({ where: { action: { not: "request.partner" } }, orderBy: { id: "asc" } }),
    db.region.findMany({ orderBy: { id: "asc" } }),
    db.board.findMany({ orderBy: { id: "asc" } }),
    db.incident.findMany({ orderBy: { id: "asc" } }),
    db.review.findMany({ orderBy: { id: "asc" } }),
    db.evaluation.findMany({ orderBy: { id: "asc" } }),
    db.finding.findMany({ orderBy: { id: "asc" } }),
    db.author.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { apiKeys, auditEvents, regions, boards, incidents, reviews, evaluations, findings, authors };
}

test("a PARTNER key trying every mutation is refused before anything runs: the partner's schema has none", async () => {
  const before = await snapshot();
  for (const mutation of Object.values(MUTATIONS)) {
    const r = await ask(mutation(), t.keys.PARTNER);
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(r.errors?.[0]?.message).toBe("This key's schema has no mutation operations: writes need a STEWARD or ADMIN key.");
  }
  expect(await snapshot()).toEqual(before);
});

describe.each(["ANALYST", "STEWARD"] as const)("a %s key trying every mutation", (role) => {
  test("is refused each time, naming ADMIN, and the database is unchanged", async () => {
    const before = await snapshot();
    // A STEWARD may call the steward's mutations (test/api/steward-writes.test.ts), state coverage and freeze
    // releases (test/api/coverage-fixture.test.ts, releases.test.ts); here only the keys' ones.
    for (const [name, mutation] of Object.entries(role === "STEWARD" ? ADMIN_MUTATIONS : MUTATIONS)) {
      if (role === "STEWARD" && STEWARD_MUTATIONS.has(name)) continue;
      const r = await ask(mutation(), t.keys[role]);
      expect([name, r.data ?? null]).toEqual([name, null]);
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const needs = role === "STEWARD" ? "ADMIN" : "STEWARD or ADMIN";
      expect(r.errors?.[0]?.message).toContain(`Mutation.${name} needs the ${needs} role`);
    }
    expect(await snapshot()).toEqual(before);
  });
});

test("introspection works with any valid key: the full schema says what partners cannot see, the partner's lacks it", async () => {
  const introspect = async (key: string) => {
    const r = await t.query<{ __schema: { types: { name: string; description: string | null }[] } }, Record<string, never>>(
      getIntrospectionQuery(),
      {},
      { key },
    );
    expect(r.errors).toBeUndefined();
    return (name: string) => r.data!.__schema.types.find((type) => type.name === name)?.description;
  };
  const full = await introspect(t.keys.ANALYST);
  expect(full("Incident")).toMatch(/not available to research partners/);
  expect(full("Review")).toMatch(/not available to research partners/);
  const partner = await introspect(t.keys.PARTNER);
  expect(partner("Incident")).toBeUndefined();
  expect(partner("Review")).toBeUndefined();
  expect(partner("Role")).toMatch(/What a key may do/);
});
