// Query limits through the real HTTP server: each one just under its boundary (answered) and just over
// (refused, naming the limit, with no SQL statement run for the query: only the key is read, afterwards, to audit
// a research partner's refused request), the classic attacks, the cost in the
// response's extensions, CSRF prevention, and introspection and suggestions only with a key.
import { LIMITS } from "../../src/limits";
import { postRaw, type RawResponse } from "../helpers/query";
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const post = (body: unknown, key: string | null = t.keys.ANALYST, headers: Record<string, string> = {}) => postRaw(t, body, key, headers);

/** Runs a query and returns the response with every SQL statement it caused. */
const run = (query: string, key: string = t.keys.ANALYST) => t.statements(() => post({ query }, key));

function expectRefused(r: RawResponse, name: string, status = 400) {
  expect(r.status).toBe(status);
  expect(r.body.data ?? null).toBeNull();
  expect(r.body.errors).toHaveLength(1);
  const error = r.body.errors![0]!;
  // Paging arguments are bad input (issue 3's contract); every other limit has its own code.
  expect(error.extensions?.code).toBe(name === "pageSize" ? "BAD_USER_INPUT" : "QUERY_LIMIT_EXCEEDED");
  expect((error.extensions?.limit as { name: string }).name).toBe(name);
  expect(error.message).toContain(`(limit: ${name})`);
  expect(error.extensions?.requestId).toMatch(/^[0-9a-f-]{36}$/);
}

function expectAnswered(r: RawResponse) {
  expect(r.body.errors).toBeUndefined();
  expect(r.status).toBe(200);
  expect(r.body.data).toBeTruthy();
}

// ---- Document limits: checked before the key is looked up, so a refusal runs no SQL but the key's lookup ----

describe("document size", () => {
  const padded = (bytes: number) => {
    const query = "{ viewer { role } }";
    return query + "\n#" + "x".repeat(bytes - query.length - 2);
  };

  test(`${LIMITS.documentBytes} bytes is answered`, async () => {
    expect(Buffer.byteLength(padded(LIMITS.documentBytes))).toBe(16_384);
    expectAnswered((await run(padded(LIMITS.documentBytes))).result);
  });

  test(`${LIMITS.documentBytes + 1} bytes is refused, with no SQL`, async () => {
    const { result, sql } = await run(padded(LIMITS.documentBytes + 1));
    expectRefused(result, "documentBytes", 413);
    expect(result.body.errors![0]!.extensions?.limit).toEqual({ name: "documentBytes", max: 16_384, actual: 16_385 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("a huge document (1 MB) is refused by the body limit, with no SQL", async () => {
    const { result, sql } = await t.statements(() => post({ query: `{ viewer { ${"role ".repeat(200_000)} } }` }));
    expect(result.status).toBe(413);
    expect(result.body.errors?.[0]?.message).toBe(`The request body is larger than the limit of ${100 * 1024} bytes.`);
    expect(withoutAuthentication(sql)).toEqual([]);
  });
});

describe("tokens", () => {
  // Three connections of one item, 44 tokens of skeleton, and the rest short field names repeated in turn:
  // spread over nine names, as thousands of one field would trip graphql-js's own budget for comparing
  // overlapping fields instead.
  const repeated = (tokens: number) => {
    const per = (tokens - 44) / 3;
    const fields = (names: string[], n: number) => Array.from({ length: n }, (_, i) => names[i % names.length]).join(" ");
    const block = (field: string, names: string[], n: number) => `${field}(first: 1) { edges { node { ${fields(names, n)} } } }`;
    const rest = tokens - 44 - 2 * Math.floor(per);
    return `{ ${block("regions", ["id", "code", "name"], Math.floor(per))} ${block("boards", ["id", "code", "name"], Math.floor(per))} ${block("authors", ["id", "reference", "background"], rest)} }`;
  };

  test(`${LIMITS.tokens} tokens is answered`, async () => {
    const { result } = await run(repeated(LIMITS.tokens));
    expectAnswered(result);
    expect(Object.keys(result.body.data as object)).toEqual(["regions", "boards", "authors"]);
  });

  test(`${LIMITS.tokens + 1} tokens is refused, with no SQL`, async () => {
    const { result, sql } = await run(repeated(LIMITS.tokens + 1));
    expectRefused(result, "tokens");
    expect(result.body.errors![0]!.message).toBe("The document has more than 2000 tokens (limit: tokens).");
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("comments are not tokens", async () => {
    expectAnswered((await run(`# ${"word ".repeat(2500)}\n{ viewer { role } }`)).result);
  });
});

describe("depth", () => {
  // regions(1) edges(2) node(3) boards(4) edges(5) node(6) region(7) boards(8) edges(9) node(10) region(11)
  // boards(12) edges(13) node(14) code(15)
  const fifteen = `{ regions(first: 1) { edges { node { boards(first: 1) { edges { node { region { boards(first: 1) { edges { node { region { boards(first: 1) { edges { node { code } } } } } } } } } } } } } } }`;
  const sixteen = fifteen.replace("node { code }", "node { region { code } }");

  test(`${LIMITS.depth} deep is answered`, async () => {
    expectAnswered((await run(fifteen)).result);
  });

  test(`${LIMITS.depth + 1} deep is refused, with no SQL`, async () => {
    const { result, sql } = await run(sixteen);
    expectRefused(result, "depth");
    expect(result.body.errors![0]!.extensions?.limit).toEqual({ name: "depth", max: 15, actual: 16 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("depth counts through fragments, as the query runs", async () => {
    const { result, sql } = await run(
      `query { regions(first: 1) { edges { node { ...Deep } } } }
       fragment Deep on Region { boards(first: 1) { edges { node { region { boards(first: 1) { edges { node { region { boards(first: 1) { edges { node { region { code } } } } } } } } } } } } }`,
    );
    expectRefused(result, "depth");
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("a deeply nested query (region → boards → region … 100 levels) is refused, with no SQL", async () => {
    let inner = "code";
    for (let i = 0; i < 25; i++) inner = `region { boards(first: 1) { edges { node { ${inner} } } } }`;
    const { result, sql } = await run(`{ boards(first: 1) { edges { node { ${inner} } } } }`);
    expectRefused(result, "depth");
    expect(withoutAuthentication(sql)).toEqual([]);
  });
});

describe("aliases", () => {
  const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { role }`).join(" ")} }`;

  test(`${LIMITS.aliases} aliases are answered`, async () => {
    expectAnswered((await run(aliased(LIMITS.aliases))).result);
  });

  test(`${LIMITS.aliases + 1} aliases are refused, with no SQL`, async () => {
    const { result, sql } = await run(aliased(LIMITS.aliases + 1));
    expectRefused(result, "aliases");
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("100 aliases are refused, with no SQL", async () => {
    const { result, sql } = await run(
      `{ ${Array.from({ length: 100 }, (_, i) => `n${i}: nationalStats(period: { financialYear: "2007-08" }) { deaths { value } }`).join(" ")} }`,
    );
    expectRefused(result, "aliases");
    expect(result.body.errors![0]!.extensions?.limit).toEqual({ name: "aliases", max: 30, actual: 100 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("aliases in a fragment count each time the fragment is spread", async () => {
    const fragment = `fragment F on Viewer { ${Array.from({ length: 8 }, (_, i) => `r${i}: role`).join(" ")} }`;
    const spreads = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `v${i}: viewer { ...F }`).join(" ")} } ${fragment}`;
    // 3 spreads: 3 + 3 × 8 = 27 aliases; 4 spreads: 4 + 4 × 8 = 36.
    expectAnswered((await run(spreads(3))).result);
    expectRefused((await run(spreads(4))).result, "aliases");
  });
});

describe("directives", () => {
  const directed = (n: number) => `{ viewer { ${Array.from({ length: n }, () => "role @include(if: true)").join(" ")} } }`;

  test(`${LIMITS.directives} directives are answered`, async () => {
    expectAnswered((await run(directed(LIMITS.directives))).result);
  });

  test(`${LIMITS.directives + 1} directives are refused, with no SQL`, async () => {
    const { result, sql } = await run(directed(LIMITS.directives + 1));
    expectRefused(result, "directives");
    expect(withoutAuthentication(sql)).toEqual([]);
  });
});

test("a batched request (a JSON array) is refused, with no SQL", async () => {
  const { result, sql } = await t.statements(() => post([{ query: "{ viewer { role } }" }, { query: "{ viewer { label } }" }]));
  expectRefused(result, "batching");
  expect(result.body.errors![0]!.message).toBe(
    "Batched requests (a JSON array of operations) are not accepted: send one operation per request (limit: batching).",
  );
  expect(withoutAuthentication(sql)).toEqual([]);
});

test("circular fragments are refused, with no SQL", async () => {
  const { result, sql } = await run(`{ viewer { ...A } } fragment A on Viewer { role ...B } fragment B on Viewer { label ...A }`);
  expect(result.status).toBe(400);
  expect(result.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  expect(result.body.errors?.[0]?.message).toBe("Fragment A spreads itself, directly or through others; a query must end.");
  expect(withoutAuthentication(sql)).toEqual([]);
});

test("a fragment bomb (each fragment spreading the next twice, 25 deep) is measured at once and refused", async () => {
  const fragments = Array.from({ length: 25 }, (_, i) => `fragment F${i} on Viewer { a${i}: role ...F${i + 1} ...F${i + 1} }`).join(" ");
  const started = Date.now();
  const { result, sql } = await run(`{ viewer { ...F0 } } ${fragments} fragment F25 on Viewer { role }`);
  expectRefused(result, "aliases");
  // 2^25 - 1 aliases as executed, counted without expanding them.
  expect((result.body.errors![0]!.extensions?.limit as { actual: number }).actual).toBe(2 ** 25 - 1);
  expect(Date.now() - started).toBeLessThan(2000);
  expect(withoutAuthentication(sql)).toEqual([]);
});

// ---- Limits that need the key: checked on the whole operation before any resolver runs ----------------------

describe("page size", () => {
  test(`first: ${LIMITS.pageSize} is answered; first: ${LIMITS.pageSize + 1} is refused with only the key looked up`, async () => {
    expectAnswered((await run(`{ boards(first: 100) { edges { node { code } } } }`)).result);
    const { result, sql } = await run(`{ boards(first: 101) { edges { node { code } } } }`);
    expectRefused(result, "pageSize");
    expect(withoutAuthentication(sql)).toEqual([]);
  });
});

describe("list items in arguments", () => {
  const codes = (n: number) =>
    `{ boards(first: 1, where: { code: { in: [${Array.from({ length: n }, (_, i) => `"E${i}"`).join(" ")}] } }) { totalCount } }`;

  test(`${LIMITS.listItems} items are answered`, async () => {
    const { result } = await run(codes(LIMITS.listItems));
    expectAnswered(result);
    expect(result.body.data).toEqual({ boards: { totalCount: 0 } });
  });

  test(`${LIMITS.listItems + 1} items, in one list or several, literal or in variables, are refused with only the key looked up`, async () => {
    const { result, sql } = await run(codes(LIMITS.listItems + 1));
    expectRefused(result, "listItems");
    expect(withoutAuthentication(sql)).toEqual([]);
    const variables = { a: Array.from({ length: 300 }, (_, i) => `A${i}`), b: Array.from({ length: 201 }, (_, i) => `B${i}`) };
    const split = await post({
      query: `query($a: [String!], $b: [String!]) { boards(where: { OR: [{ code: { in: $a } }, { name: { in: $b } }] }) { totalCount } }`,
      variables,
    });
    expectRefused(split, "listItems");
    // The OR list's own two items count too.
    expect(split.body.errors![0]!.extensions?.limit).toEqual({ name: "listItems", max: 500, actual: 503 });
  });
});

describe("cost", () => {
  // boards(first: A) { edges { node { incidents(first: 100) { edges { node { <f fields> } } } } } } costs
  // 1 + A × (3 + 100 × (2 + f)): per board edges + node + incidents, and under incidents 100 × (edges + node + f).
  // Boards are reference data bounded at 154 in the seed, so a page of up to 99 costs its page.
  const costing = (boards: number, fields: string, rest = "") =>
    `{ boards(first: ${boards}) { edges { node { incidents(first: 100) { edges { node { ${fields} } } } } } } ${rest} }`;
  // 1 + 99 × 503 = 49,798; incidents(first: 67) { edges { node { reference } } } is 1 + 67 × 3 = 202.
  const analyst = (rest: string) => costing(99, "reference nature notifiedOn", `incidents(first: 67) { edges { node { reference } } } ${rest}`);

  test("an ANALYST request costing exactly 50,000 is answered and says so in extensions.cost", async () => {
    const { result } = await run(analyst(""));
    expectAnswered(result);
    expect(result.body.extensions?.cost).toEqual({ requested: 50_000, budget: 50_000 });
  });

  test("one more is refused, naming the cost and the budget, with only the key looked up", async () => {
    const { result, sql } = await run(analyst("__typename"));
    expectRefused(result, "cost");
    expect(result.body.errors![0]!.message).toMatch(/^The query costs 50001, more than the ANALYST budget of 50000 \(limit: cost\)/);
    expect(result.body.extensions?.cost).toEqual({ requested: 50_001, budget: 50_000 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("a PARTNER's budget is 20,000: 20,000 is answered, 20,001 refused (the refusal is audited, nothing else runs)", async () => {
    // A partner reaches only lists of reference data, so the budget is reached with aliases: each
    // boards(first: P) { edges { node { code name dfeCode inForceFrom inForceTo region { code name } } } } costs
    // 1 + P × (2 + 8); nineteen pages of 100 are 19 × 1,001 = 19,019, and one of 98 is 981: 20,000.
    const page = (alias: string, first: number) =>
      `${alias}: boards(first: ${first}) { edges { node { code name dfeCode inForceFrom inForceTo region { code name } } } }`;
    const pages = [...Array.from({ length: 19 }, (_, i) => page(`p${i}`, 100)), page("last", 98)].join(" ");
    const answered = await run(`{ ${pages} }`, t.keys.PARTNER);
    expectAnswered(answered.result);
    expect(answered.result.body.extensions?.cost).toEqual({ requested: 20_000, budget: 20_000 });
    const { result, sql } = await run(`{ ${pages} __typename }`, t.keys.PARTNER);
    expectRefused(result, "cost");
    expect(result.body.extensions?.cost).toEqual({ requested: 20_001, budget: 20_000 });
    expect(withoutAuthentication(sql).filter((s) => !/AuditEvent/.test(s))).toEqual([]);
  });

  test("without first, a connection is costed at the default page of 20", async () => {
    const { result } = await run(`{ incidents { edges { node { reference } } } }`);
    expect(result.body.extensions?.cost).toEqual({ requested: 1 + 20 * 3, budget: 50_000 });
  });

  test("every region with all its boards and their Stats for a year is costed at the lists' real lengths, and answered", async () => {
    // The seed has 9 regions, the most boards in one is London's 33, so pages of 100 cost 9 and 33:
    // 1 + 9 × (edges + node + code + boards = 4 + 33 × (edges + node + code = 3 + Stats 10)) = 1 + 9 × 433 = 3,898.
    const { result } = await run(
      `{ regions(first: 100) { edges { node { code boards(first: 100) { edges { node { code stats(period: { financialYear: "2007-08" }) { caseFileAudits { value } } } } } } } } }`,
    );
    expectAnswered(result);
    expect(result.body.extensions?.cost).toEqual({ requested: 3_898, budget: 50_000 });
    type Data = { regions: { edges: { node: { code: string; boards: { edges: { node: { code: string } }[] } } }[] } };
    const regions = (result.body.data as Data).regions.edges;
    expect(regions).toHaveLength(9);
    // Every board ever in force is in its region's page: 154 in all, London's 33 the most.
    expect(regions.reduce((n, r) => n + r.node.boards.edges.length, 0)).toBe(154);
    expect(Math.max(...regions.map((r) => r.node.boards.edges.length))).toBe(33);
  });

  test("plain lists over reference data cost their bound, not the default ten", async () => {
    // Every board covers one or two local authorities in the seed and has five mid-year populations (2006-10):
    // 1 + 154 is cut to 100 (the page), × (edges + node + localAuthorities 1 + 2 × 1 + childPopulations 1 + 5 × 1).
    const { result } = await run(`{ boards(first: 100) { edges { node { localAuthorities { validFrom } childPopulations { year } } } } }`);
    expectAnswered(result);
    expect(result.body.extensions?.cost).toEqual({ requested: 1 + 100 * (2 + 1 + 2 + 1 + 5), budget: 50_000 });
  });

  test("a 100 × 100 × 100 fan-out over lists with no bound is still refused before any SQL", async () => {
    const { result, sql } = await run(
      `{ boards(first: 100) { edges { node { reviews(first: 100) { edges { node { board { reviews(first: 100) { edges { node { reference } } } } } } } } } } }`,
    );
    expectRefused(result, "cost");
    // 1 + 100 × (3 + 100 × (2 + board 1 + reviews 1 + 100 × 3)) = 3,040,301.
    expect(result.body.extensions?.cost).toEqual({ requested: 3_040_301, budget: 50_000 });
    expect(withoutAuthentication(sql)).toEqual([]);
  });
});

// ---- Hardening ------------------------------------------------------------------------------------------------

describe("CSRF prevention", () => {
  test("a GET without a preflight header is refused, before anything runs", async () => {
    const { result: response, sql } = await t.statements(() =>
      fetch(`${t.url}?query=${encodeURIComponent("{ viewer { role } }")}`, { headers: { authorization: `Bearer ${t.keys.ANALYST}` } }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    expect(withoutAuthentication(sql)).toEqual([]);
  });

  test("a POST a browser could send cross-site (text/plain) is refused", async () => {
    const response = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: `Bearer ${t.keys.ANALYST}` },
      body: JSON.stringify({ query: "{ viewer { role } }" }),
    });
    expect(response.status).toBe(400);
  });
});

describe("introspection and suggestions are for key holders only", () => {
  test("introspection without a key gets 401", async () => {
    const r = await post({ query: "{ __schema { queryType { name } } }" }, null);
    expect(r.status).toBe(401);
    expect(JSON.stringify(r.body)).not.toContain("Query");
  });

  test("a misspelt field without a key gets 401, with no suggestion", async () => {
    const r = await post({ query: "{ regoins { totalCount } }" }, null);
    expect(r.status).toBe(401);
    expect(JSON.stringify(r.body)).not.toMatch(/Did you mean|regions/);
  });

  test("with a key, introspection works and a misspelt field gets a suggestion", async () => {
    expect((await post({ query: "{ __schema { queryType { name } } }" })).body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const r = await post({ query: "{ regoins { totalCount } }" });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toBe('Cannot query field "regoins" on type "Query". Did you mean "regions" or "region"?');
  });
});
