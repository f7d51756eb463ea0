// Keys through the real HTTP server: every kind of bad key gets the same 401; ADMIN issues and revokes keys with
// typed errors; every key event is in the audit log; the command line does the same (its revocation reaches
// the running server within the key cache's time).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { graphql } from "../gql";
import { KEY_CACHE_TTL_MS } from "../../src/domain/key-cache";
import { createKey } from "../../src/domain/keys";
import { startTestServer, type TestServer } from "../helpers/server";

// The server's clock runs `skew` ms ahead of the real one, so a test can let the key cache's time pass at once.
let skew = 0;
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false, keyCache: { now: () => new Date(Date.now() + skew) } });
});
afterAll(() => t.close());

const Viewer = graphql(`
  query KeysViewer {
    viewer {
      role
      label
      keyPrefix
      costBudget
    }
  }
`);

/** The secret part of `scr_<prefix>_<secret>` (the secret itself may hold underscores). */
const secretOf = (key: string) => key.slice("scr_".length + 12 + 1);

const UNAUTHENTICATED_MESSAGE =
  "A valid API key is required: send 'Authorization: Bearer <key>'. The key given, if any, is missing, malformed, unknown, revoked or expired.";

/** Sends a request with exactly these headers (the helper always sends a Bearer key). */
async function raw(headers: Record<string, string>) {
  const response = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ viewer { role } }" }),
  });
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get("www-authenticate"),
    body: (await response.json()) as { data?: unknown; errors: { message: string; extensions: Record<string, unknown> }[] },
  };
}

describe("every kind of bad key gets the same 401, which does not say which kind", () => {
  let revoked: string;
  let expired: string;
  let valid: string;
  beforeAll(async () => {
    const db = t.database.db;
    valid = t.keys.ANALYST;
    const r = await createKey(db, { role: "ANALYST", label: "to revoke", actor: "test" });
    await t.query(`mutation($p: String!) { revokeApiKey(input: { prefix: $p }) { errors { __typename } } }`, { p: r.prefix }, { key: t.keys.ADMIN });
    revoked = r.key;
    // Created a minute ago to expire a second ago (createKey refuses a key that is born expired).
    expired = (
      await createKey(db, {
        role: "ANALYST",
        label: "expired",
        actor: "test",
        expiresAt: new Date(Date.now() - 1000),
        now: new Date(Date.now() - 60_000),
      })
    ).key;
  });

  const [, prefix, secret] = /^scr_([a-z0-9]{12})_(.{43})$/.exec("scr_abcdefghijkl_" + "A".repeat(43))!;
  test.each([
    ["no Authorization header", () => ({})],
    ["an empty Authorization header", () => ({ authorization: "" })],
    ["Bearer with nothing after it", () => ({ authorization: "Bearer " })],
    ["another scheme (Basic)", () => ({ authorization: `Basic ${Buffer.from("user:pass").toString("base64")}` })],
    ["a malformed key", () => ({ authorization: "Bearer not-a-key" })],
    ["a key with a bad character", () => ({ authorization: `Bearer scr_${prefix}_${secret!.slice(0, 42)}!` })],
    ["a key one character short", () => ({ authorization: `Bearer ${valid.slice(0, -1)}` })],
    ["an unknown prefix", () => ({ authorization: `Bearer scr_${prefix}_${secret}` })],
    ["a known prefix with the wrong secret", () => ({ authorization: `Bearer ${valid.slice(0, 17)}${"B".repeat(43)}` })],
    ["two keys", () => ({ authorization: `Bearer ${valid} ${valid}` })],
    ["a revoked key", () => ({ authorization: `Bearer ${revoked}` })],
    ["an expired key", () => ({ authorization: `Bearer ${expired}` })],
  ])("%s", async (_name, headers) => {
    const { result, sql } = await t.statements(() => raw(headers()));
    expect(result.status).toBe(401);
    expect(result.wwwAuthenticate).toBe('Bearer realm="scr-atlas"');
    expect(result.body.data ?? null).toBeNull();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors[0]!.message).toBe(UNAUTHENTICATED_MESSAGE);
    expect(result.body.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    expect(result.body.errors[0]!.extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // At most the key lookup ran: nothing about the query did.
    expect(sql.every((s) => /ApiKey/.test(s))).toBe(true);
  });

  test("the same key, valid, works", async () => {
    const r = await t.query(Viewer, {}, { key: valid });
    expect(r.data?.viewer).toEqual({ role: "ANALYST", label: "test ANALYST", keyPrefix: valid.split("_")[1], costBudget: 50_000 });
  });
});

// ---- Issuing and revoking -----------------------------------------------------------------------------------

const CreateKey = graphql(`
  mutation CreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        prefix
        role
        label
        expiresAt
        revokedAt
        active
      }
      errors {
        __typename
        ... on UserError {
          message
          path
        }
      }
    }
  }
`);

const RevokeKey = graphql(`
  mutation RevokeKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      apiKey {
        prefix
        revokedAt
        active
      }
      errors {
        __typename
        ... on UserError {
          message
          path
        }
      }
    }
  }
`);

const KeyEvents = graphql(`
  query KeyEvents($entityId: String) {
    auditEvents(first: 10, where: { entity: "ApiKey", entityId: $entityId }) {
      totalCount
      edges {
        node {
          action
          actor
          actorKey {
            prefix
          }
          entityId
          before
          after
          requestId
          at
        }
      }
    }
  }
`);

describe("ADMIN issues and revokes keys", () => {
  test("a key is issued once, works at once, and its creation is audited with who and what", async () => {
    const r = await t.query(CreateKey, { input: { role: "PARTNER", label: "  Jo Bloggs, NSPCC  ", expiresOn: "2099-01-01" } }, { key: t.keys.ADMIN });
    expect(r.errors).toBeUndefined();
    const payload = r.data!.createApiKey;
    expect(payload.errors).toEqual([]);
    expect(payload.apiKey).toMatchObject({
      role: "PARTNER",
      label: "Jo Bloggs, NSPCC",
      expiresAt: "2099-01-01T00:00:00.000Z",
      revokedAt: null,
      active: true,
    });
    expect(payload.secret).toMatch(new RegExp(`^scr_${payload.apiKey!.prefix}_[A-Za-z0-9_-]{43}$`));

    // It works, and only a hash of it is stored.
    const me = await t.query(Viewer, {}, { key: payload.secret! });
    expect(me.data?.viewer).toMatchObject({ role: "PARTNER", label: "Jo Bloggs, NSPCC", costBudget: 20_000 });
    const stored = await t.database.db.apiKey.findUnique({ where: { prefix: payload.apiKey!.prefix } });
    expect(JSON.stringify(stored)).not.toContain(secretOf(payload.secret!));

    // The audit log has who (the ADMIN key), what (the new key, no secret), and in which request.
    const id = String(stored!.id);
    const events = await t.query(KeyEvents, { entityId: id }, { key: t.keys.ADMIN });
    expect(events.data?.auditEvents.totalCount).toBe(1);
    const event = events.data!.auditEvents.edges[0]!.node;
    expect(event).toMatchObject({
      action: "KEY_CREATE",
      actor: "test ADMIN",
      actorKey: { prefix: t.keys.ADMIN.split("_")[1] },
      entityId: id,
      before: null,
    });
    expect(JSON.parse(event.after!)).toEqual({
      prefix: payload.apiKey!.prefix,
      role: "PARTNER",
      label: "Jo Bloggs, NSPCC",
      expiresAt: "2099-01-01T00:00:00.000Z",
      revokedAt: null,
      registeredOnly: false,
    });
    expect(event.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.after).not.toContain(secretOf(payload.secret!));
  });

  test.each([
    ["an empty label", { role: "ANALYST" as const, label: "   " }, "a key needs a label saying who or what it is for", ["input", "label"]],
    ["a label of 201 characters", { role: "ANALYST" as const, label: "x".repeat(201) }, "a label has at most 200 characters", ["input", "label"]],
    [
      "an expiry in the past",
      { role: "ANALYST" as const, label: "late", expiresOn: "2001-01-01" },
      "expiresOn must be in the future",
      ["input", "expiresOn"],
    ],
  ])("refuses %s with a typed error and writes nothing", async (_name, input, message, errorPath) => {
    const before = await t.database.db.apiKey.count();
    const events = await t.database.db.auditEvent.count();
    const r = await t.query(CreateKey, { input }, { key: t.keys.ADMIN });
    expect(r.errors).toBeUndefined();
    expect(r.data?.createApiKey).toEqual({ secret: null, apiKey: null, errors: [{ __typename: "ValidationFailed", message, path: errorPath }] });
    expect(await t.database.db.apiKey.count()).toBe(before);
    expect(await t.database.db.auditEvent.count()).toBe(events);
  });

  test("a revoked key stops at once; revoking again is a Conflict; the audit log has before and after", async () => {
    const created = await t.query(CreateKey, { input: { role: "ANALYST", label: "short-lived" } }, { key: t.keys.ADMIN });
    const { secret, apiKey } = created.data!.createApiKey;
    expect((await t.query(Viewer, {}, { key: secret! })).status).toBe(200);

    const revoked = await t.query(RevokeKey, { input: { id: apiKey!.id } }, { key: t.keys.ADMIN });
    expect(revoked.data?.revokeApiKey.errors).toEqual([]);
    expect(revoked.data?.revokeApiKey.apiKey).toMatchObject({ prefix: apiKey!.prefix, active: false });
    expect((await t.query(Viewer, {}, { key: secret! })).status).toBe(401);

    const again = await t.query(RevokeKey, { input: { prefix: apiKey!.prefix } }, { key: t.keys.ADMIN });
    expect(again.data?.revokeApiKey.errors).toEqual([
      {
        __typename: "Conflict",
        message: `the key was already revoked at ${revoked.data!.revokeApiKey.apiKey!.revokedAt}`,
        path: ["input", "prefix"],
      },
    ]);

    const stored = await t.database.db.apiKey.findUnique({ where: { prefix: apiKey!.prefix } });
    const events = await t.query(KeyEvents, { entityId: String(stored!.id) }, { key: t.keys.ADMIN });
    expect(events.data?.auditEvents.edges.map((e) => e.node.action)).toEqual(["KEY_REVOKE", "KEY_CREATE"]);
    const revocation = events.data!.auditEvents.edges[0]!.node;
    expect(JSON.parse(revocation.before!)).toMatchObject({ prefix: apiKey!.prefix, revokedAt: null });
    expect(JSON.parse(revocation.after!)).toMatchObject({ prefix: apiKey!.prefix, revokedAt: revoked.data!.revokeApiKey.apiKey!.revokedAt });
  });

  test.each([
    ["an unknown prefix", { prefix: "zzzzzzzzzzzz" }, { __typename: "NotFound", message: "no API key matches", path: ["input", "prefix"] }],
    [
      "an ID of another type",
      { id: Buffer.from("Board:1").toString("base64url") },
      { __typename: "NotFound", message: `no API key has the ID ${Buffer.from("Board:1").toString("base64url")}`, path: ["input", "id"] },
    ],
    ["a malformed ID", { id: "not-an-id" }, { __typename: "NotFound", message: "no API key has the ID not-an-id", path: ["input", "id"] }],
    [
      "neither prefix nor ID",
      {},
      { __typename: "ValidationFailed", message: "give the key's prefix or its id, one of them", path: ["input", "prefix"] },
    ],
  ])("revoking %s is a typed error", async (_name, input, error) => {
    const r = await t.query(RevokeKey, { input }, { key: t.keys.ADMIN });
    expect(r.data?.revokeApiKey).toEqual({ apiKey: null, errors: [error] });
  });

  test("keys are listed newest first, never with a secret, and filtered by role and state", async () => {
    const r = await t.query<{ apiKeys: { totalCount: number; edges: { node: Record<string, unknown> }[] } }, Record<string, never>>(
      `{ apiKeys(first: 100, where: { role: PARTNER, active: true }) { totalCount edges { node { prefix role label createdAt lastUsedAt active } } } }`,
      {},
      { key: t.keys.ADMIN },
    );
    expect(r.errors).toBeUndefined();
    const labels = r.data!.apiKeys.edges.map((e) => e.node.label);
    expect(labels).toEqual(["Jo Bloggs, NSPCC", "test PARTNER"]);
    expect(r.data!.apiKeys.edges.every((e) => e.node.role === "PARTNER" && e.node.active === true)).toBe(true);
  });
});

describe("the command line", () => {
  const cli = promisify(execFile);
  const run = (...args: string[]) =>
    cli(path.join(__dirname, "..", "..", "node_modules", ".bin", "tsx"), [path.join(__dirname, "..", "..", "src", "cli", "key.ts"), ...args], {
      env: { ...process.env, DATABASE_URL: t.database.config.url, NODE_ENV: "test" },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  test("create prints the key alone on its last line; list shows it; revoke stops it; each is audited as cli", async () => {
    const created = await run("create", "--role", "STEWARD", "--label", "made at the command line", "--expires", "2099-12-31");
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^scr_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const prefix = key.split("_")[1]!;
    expect((await t.query(Viewer, {}, { key })).data?.viewer.role).toBe("STEWARD");

    const listed = await run("list");
    expect(listed.code).toBe(0);
    const row = listed.stdout.split("\n").find((l) => l.startsWith(prefix))!;
    expect(row).toMatch(/STEWARD\s+active\s+.*2099-12-31 00:00\s+made at the command line$/);
    expect(listed.stdout).not.toContain(secretOf(key));

    const revoked = await run("revoke", "--prefix", prefix);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked STEWARD key ${prefix}`);
    // The command line is another process: the server may hold the key it verified for KEY_CACHE_TTL_MS more.
    skew += KEY_CACHE_TTL_MS;
    expect((await t.query(Viewer, {}, { key })).status).toBe(401);

    const events = await t.database.db.auditEvent.findMany({ where: { entity: "ApiKey", actor: "cli" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.actorKeyId, JSON.parse(e.after!).prefix])).toEqual([
      ["key.create", null, prefix],
      ["key.revoke", null, prefix],
    ]);
  }, 60_000);

  test("bad input gets the usage and status 2; an unknown prefix status 1", async () => {
    const bad = await run("create", "--role", "BOSS", "--label", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--role must be one of ADMIN, STEWARD, ANALYST, PARTNER\nusage: npm run key -- create/);
    const unknown = await run("revoke", "--prefix", "zzzzzzzzzzzz");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No key has the prefix zzzzzzzzzzzz");
  }, 60_000);
});
