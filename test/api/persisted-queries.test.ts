// Persisted operations through the real server: automatic persisted queries (hash unknown, registered, then
// run by hash), the trusted-documents manifest that codegen writes, keys limited to registered operations,
// and HTTP caching of a persisted operation read by GET (Cache-Control by role, ETag and 304).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { createKey } from "../../src/domain/keys";
import { REGISTERED_ONLY_MESSAGE } from "../../src/http/registered-only";
import { loadTrustedDocuments } from "../../src/http/trusted-documents";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
let dashboardKey: string;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  // Three regions (North East, North West, London) and their boards: small, so a partner's exact suppression
  // check takes milliseconds, not the seconds it takes on the seed.
  await insertQueryFixture(t.database.db);
  dashboardKey = (await createKey(t.database.db, { role: "PARTNER", label: "published dashboard", registeredOnly: true, actor: "test" })).key;
});
afterAll(() => t.close());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** The committed manifest's hashes (its keys read "sha256:<hex>"), and the atlas's regions operation among them. */
const manifestHashes = Object.keys(require("../../web/atlas/gql/persisted-documents.json") as Record<string, string>).map((k) =>
  k.slice("sha256:".length),
);
const manifest = loadTrustedDocuments();
const ATLAS_REGIONS_HASH = manifestHashes.find((h) => manifest.get(h)!.startsWith("query AtlasRegions("))!;
const ATLAS_REGIONS = manifest.get(ATLAS_REGIONS_HASH)!;
const YEAR = { period: { financialYear: "2007-08" } };

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === "" ? null : (JSON.parse(text) as Answer["body"]) };
}

async function post(fields: Record<string, unknown>, key: string): Promise<Answer> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
  return answer(await fetch(t.url, { method: "POST", headers, body: JSON.stringify(fields) }));
}

/** A GET with the header Apollo's CSRF prevention asks of a GET (unless `headers` says otherwise). */
async function get(
  params: Record<string, unknown>,
  key: string,
  headers: Record<string, string> = { "apollo-require-preflight": "true" },
): Promise<Answer> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, typeof value === "string" ? value : JSON.stringify(value));
  return answer(await fetch(`${t.url}?${search}`, { headers: { authorization: `Bearer ${key}`, ...headers } }));
}

const codeOf = (a: Answer) => a.body?.errors?.[0]?.extensions?.code;
const partnerRequests = () => t.database.db.auditEvent.findMany({ where: { action: "request.partner" }, orderBy: { id: "asc" } });

describe("automatic persisted queries", () => {
  const query = "query ApqRegionCount { regions { totalCount } }";
  const hash = sha256(query);

  test("POST: an unknown hash is PERSISTED_QUERY_NOT_FOUND; the document sent with it registers it; the hash alone then runs it", async () => {
    const unknown = await post({ extensions: persisted(hash) }, t.keys.ANALYST);
    expect(codeOf(unknown)).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(unknown.body?.data ?? null).toBeNull();
    const registered = await post({ query, extensions: persisted(hash) }, t.keys.ANALYST);
    expect(registered.status).toBe(200);
    expect(registered.body?.data).toEqual({ regions: { totalCount: 3 } });
    const hit = await post({ extensions: persisted(hash) }, t.keys.STEWARD);
    expect(hit.status).toBe(200);
    expect(hit.body?.data).toEqual({ regions: { totalCount: 3 } });
  });

  test("GET: registered by GET, then the hash alone answers", async () => {
    const byGet = "query ApqRegionCountByGet { regions { totalCount } }";
    const h = sha256(byGet);
    expect(codeOf(await get({ extensions: persisted(h) }, t.keys.ANALYST))).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect((await get({ query: byGet, extensions: persisted(h) }, t.keys.ANALYST)).body?.data).toEqual({ regions: { totalCount: 3 } });
    const hit = await get({ extensions: persisted(h) }, t.keys.ANALYST);
    expect(hit.status).toBe(200);
    expect(hit.body?.data).toEqual({ regions: { totalCount: 3 } });
  });

  test("a hash that is not the document's SHA-256 is refused by GET as by POST, and registers nothing", async () => {
    const wrong = sha256("something else");
    const r = await get({ query, extensions: persisted(wrong) }, t.keys.ANALYST);
    expect(r.status).toBe(400);
    expect(r.body?.errors?.[0]?.message).toBe(
      `extensions.persistedQuery.sha256Hash is ${wrong}, but the SHA-256 of the query sent is ${hash}; send the hash of the query's exact text.`,
    );
    expect(codeOf(await post({ extensions: persisted(wrong) }, t.keys.ANALYST))).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  test("a mutation by GET is refused with 405, registered or not, and neither runs nor is registered", async () => {
    const mutation = `mutation RevokeByGet { revokeApiKey(input: { prefix: "zzzzzzzzzzzz" }) { errors { __typename } } }`;
    const h = sha256(mutation);
    const r = await get({ query: mutation, extensions: persisted(h) }, t.keys.ADMIN);
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("POST");
    expect(r.body?.data ?? null).toBeNull();
    expect(codeOf(await get({ extensions: persisted(h) }, t.keys.ADMIN))).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  test("Apollo's CSRF prevention still applies to a GET by hash: no preflight header, no run", async () => {
    const r = await get({ extensions: persisted(hash) }, t.keys.ANALYST, {});
    expect(r.status).toBe(400);
    expect(r.body?.errors?.[0]?.message).toMatch(/This operation has been blocked as a potential Cross-Site Request Forgery/);
    expect(r.body?.data ?? null).toBeNull();
  });
});

describe("the trusted-documents manifest", () => {
  test("holds the atlas's three operations, each under the SHA-256 of its text", () => {
    expect([...manifest.operationNames].sort()).toEqual(["AtlasBoards", "AtlasRegions", "AtlasSilentBoards"]);
    expect(manifestHashes).toHaveLength(3);
    for (const h of manifestHashes) expect(sha256(manifest.get(h)!)).toBe(h);
  });

  test("a manifest operation runs by its hash with nothing registered first, and answers as its text does", async () => {
    const byHash = await post({ extensions: persisted(ATLAS_REGIONS_HASH), variables: YEAR }, t.keys.PARTNER);
    expect(byHash.status).toBe(200);
    expect(byHash.body?.errors).toBeUndefined();
    const data = byHash.body!.data as { viewer: { role: string }; regions: { edges: unknown[] } };
    expect(data.viewer.role).toBe("PARTNER");
    expect(data.regions.edges).toHaveLength(3);
    const byText = await post({ query: ATLAS_REGIONS, variables: YEAR }, t.keys.PARTNER);
    expect(byText.body).toEqual(byHash.body);
  });
});

describe("a key limited to registered operations", () => {
  test("runs a manifest operation by hash, and by its exact text", async () => {
    const byHash = await post({ extensions: persisted(ATLAS_REGIONS_HASH), variables: YEAR }, dashboardKey);
    expect(byHash.status).toBe(200);
    expect((byHash.body?.data as { viewer: { role: string } }).viewer.role).toBe("PARTNER");
    const byText = await post({ query: ATLAS_REGIONS, variables: YEAR }, dashboardKey);
    expect(byText.body).toEqual(byHash.body);
  });

  test.each([
    ["an ad hoc document", () => ({ query: "{ regions { totalCount } }" })],
    [
      "an automatic-persisted-query registration",
      () => ({ query: "query Mine { regions { totalCount } }", extensions: persisted(sha256("query Mine { regions { totalCount } }")) }),
    ],
    ["a hash the manifest does not hold", () => ({ extensions: persisted(sha256("query Elsewhere { regions { totalCount } }")) })],
    ["a manifest document with a character changed", () => ({ query: ATLAS_REGIONS.replace("role", "role "), variables: YEAR })],
  ])("is refused %s with 403, recorded in the audit log, and nothing runs or is registered", async (_label, fields) => {
    const before = (await partnerRequests()).length;
    const r = await post(fields(), dashboardKey);
    expect(r.status).toBe(403);
    expect(r.body?.errors).toHaveLength(1);
    expect(r.body?.errors?.[0]?.message).toBe(REGISTERED_ONLY_MESSAGE);
    expect(codeOf(r)).toBe("FORBIDDEN");
    expect(r.body?.data ?? null).toBeNull();
    const rows = await partnerRequests();
    expect(rows).toHaveLength(before + 1);
    expect(JSON.parse(rows.at(-1)!.after!)).toMatchObject({ outcome: "FORBIDDEN", status: 403 });
    const sent = fields() as { extensions?: { persistedQuery: { sha256Hash: string } } };
    if (sent.extensions) expect(codeOf(await post({ extensions: sent.extensions }, t.keys.PARTNER))).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  test("is created with `npm run key -- create … --registered-only`", async () => {
    const tsx = path.join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
    const run = (...args: string[]) =>
      promisify(execFile)(tsx, [path.join(__dirname, "..", "..", "src", "cli", "key.ts"), ...args], {
        env: { ...process.env, DATABASE_URL: t.database.config.url, NODE_ENV: "test" },
      });
    const created = await run("create", "--role", "PARTNER", "--label", "dashboard from the command line", "--registered-only");
    expect(created.stdout).toContain("(dashboard from the command line, registered operations only)");
    const key = created.stdout.trim().split("\n").at(-1)!;
    expect((await post({ query: "{ regions { totalCount } }" }, key)).status).toBe(403);
    const prefix = key.split("_")[1]!;
    expect(await t.database.db.apiKey.findUnique({ where: { prefix }, select: { role: true, registeredOnly: true } })).toEqual({
      role: "PARTNER",
      registeredOnly: true,
    });
  }, 60_000);

  test("is created through the API by an ADMIN, and says so", async () => {
    const created = await t.query<{ createApiKey: { apiKey: { registeredOnly: boolean; role: string }; secret: string } }, Record<string, never>>(
      `mutation { createApiKey(input: { role: PARTNER, label: "a dashboard", registeredOnly: true }) { apiKey { role registeredOnly } secret errors { __typename } } }`,
      {},
      { key: t.keys.ADMIN },
    );
    expect(created.data?.createApiKey.apiKey).toEqual({ role: "PARTNER", registeredOnly: true });
    const secret = created.data!.createApiKey.secret;
    expect((await post({ query: "{ regions { totalCount } }" }, secret)).status).toBe(403);
    expect((await post({ extensions: persisted(ATLAS_REGIONS_HASH), variables: YEAR }, secret)).status).toBe(200);
    const plain = await t.query<{ createApiKey: { apiKey: { registeredOnly: boolean } } }, Record<string, never>>(
      `mutation { createApiKey(input: { role: ANALYST, label: "anyone" }) { apiKey { registeredOnly } } }`,
      {},
      { key: t.keys.ADMIN },
    );
    expect(plain.data?.createApiKey.apiKey.registeredOnly).toBe(false);
  });
});

describe("GET of a persisted operation: Cache-Control by role, ETag and 304", () => {
  const params = { extensions: persisted(ATLAS_REGIONS_HASH), variables: YEAR };
  const etagOf = (text: string) => `"${createHash("sha256").update(text).digest("base64url")}"`;

  test("a research partner's answer: public, revalidated every time, apart for each key; 304 when unchanged, each request audited", async () => {
    const before = (await partnerRequests()).length;
    const first = await get(params, t.keys.PARTNER);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(first.headers.get("vary")).toMatch(/\bAuthorization\b/);
    expect(first.headers.get("etag")).toBe(etagOf(first.text));
    const again = await get(params, t.keys.PARTNER, { "apollo-require-preflight": "true", "if-none-match": first.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    const stale = await get(params, t.keys.PARTNER, { "apollo-require-preflight": "true", "if-none-match": '"not-this-one"' });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(first.text);
    // No answer leaves without its row, 304s included.
    const rows = await partnerRequests();
    expect(rows.slice(before).map((r) => (JSON.parse(r.after!) as { status: number }).status)).toEqual([200, 304, 200]);
    // The answer depends on the role alone: another partner key, the dashboard's, gets the same bytes.
    const dashboard = await get(params, dashboardKey);
    expect(dashboard.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  test("a role that sees free text: private, no-store; its ETag differs from a partner's since its answer does", async () => {
    const analyst = await get(params, t.keys.ANALYST);
    expect(analyst.status).toBe(200);
    expect(analyst.headers.get("cache-control")).toBe("private, no-store");
    expect(analyst.headers.get("etag")).toBe(etagOf(analyst.text));
    expect((analyst.body?.data as { viewer: { role: string } }).viewer.role).toBe("ANALYST");
    const partner = await get(params, t.keys.PARTNER);
    expect(analyst.headers.get("etag")).not.toBe(partner.headers.get("etag"));
    const again = await get(params, t.keys.ANALYST, { "apollo-require-preflight": "true", "if-none-match": analyst.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  test("an answer with errors, a POST and a GET of a document's text keep no-store and get no ETag", async () => {
    // A partner may ask about one financial year at a time.
    const refused = await get(
      { extensions: persisted(ATLAS_REGIONS_HASH), variables: { period: { from: "2005-04-01", to: "2009-03-31" } } },
      t.keys.PARTNER,
    );
    expect(refused.body?.errors?.length).toBeGreaterThan(0);
    const byPost = await post(params, t.keys.PARTNER);
    expect(byPost.body?.errors).toBeUndefined();
    const byText = await get({ query: "{ regions { totalCount } }" }, t.keys.ANALYST);
    expect(byText.body?.data).toEqual({ regions: { totalCount: 3 } });
    for (const r of [refused, byPost, byText]) {
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(r.headers.get("etag")).toBeNull();
    }
  });
});
