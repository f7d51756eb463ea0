// The persisted-query store (registered documents bounded by their total length, least recently used dropped
// first; trusted documents always found) and the manifest's own check of its hashes.
import { createHash } from "node:crypto";
import { persistedQueryStore } from "../../src/http/persisted-queries";
import { trustedDocumentsOf } from "../../src/http/trusted-documents";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const TRUSTED = "query Trusted { regions { totalCount } }";
const trusted = trustedDocumentsOf(JSON.stringify({ [`sha256:${sha256(TRUSTED)}`]: TRUSTED }));

describe("the trusted-documents manifest", () => {
  test("gives each document by its hash and knows its operations' names", () => {
    expect(trusted.get(sha256(TRUSTED))).toBe(TRUSTED);
    expect(trusted.has(sha256("{ other }"))).toBe(false);
    expect([...trusted.operationNames]).toEqual(["Trusted"]);
  });

  test("a document whose hash is not its SHA-256 stops the load, naming the entry", () => {
    const key = `sha256:${"0".repeat(64)}`;
    expect(() => trustedDocumentsOf(JSON.stringify({ [key]: TRUSTED }))).toThrow(
      `the trusted-documents manifest: the document under ${key} does not have that SHA-256; run npm run codegen`,
    );
    expect(() => trustedDocumentsOf(JSON.stringify({ md5: TRUSTED }))).toThrow('md5 is not "sha256:<64 hexadecimal digits>"');
  });
});

describe("the persisted-query store", () => {
  // Documents of 10 characters each in a store of 25: two fit, a third drops the least recently used.
  const a = "{ aaaaaa }";
  const b = "{ bbbbbb }";
  const c = "{ cccccc }";

  test("holds registrations up to its bound, dropping the least recently used", async () => {
    const store = persistedQueryStore(trusted, 25);
    await store.set(`apq:${sha256(a)}`, a);
    await store.set(`apq:${sha256(b)}`, b);
    expect(await store.get(`apq:${sha256(a)}`)).toBe(a); // a is now more recent than b
    await store.set(`apq:${sha256(c)}`, c);
    expect(store.registered).toBe(2);
    expect(await store.get(`apq:${sha256(b)}`)).toBeUndefined();
    expect(await store.get(`apq:${sha256(a)}`)).toBe(a);
    expect(await store.get(`apq:${sha256(c)}`)).toBe(c);
  });

  test("finds trusted documents without registering them, and never drops them", async () => {
    const store = persistedQueryStore(trusted, 25);
    await store.set(`apq:${sha256(TRUSTED)}`, TRUSTED);
    expect(store.registered).toBe(0);
    for (const doc of [a, b, c]) await store.set(`apq:${sha256(doc)}`, doc);
    expect(await store.get(`apq:${sha256(TRUSTED)}`)).toBe(TRUSTED);
  });

  test("a document longer than the whole bound is not kept, and a deleted one is gone", async () => {
    const store = persistedQueryStore(trusted, 25);
    const long = `{ ${"x".repeat(30)} }`;
    await store.set(`apq:${sha256(long)}`, long);
    expect(store.registered).toBe(0);
    await store.set(`apq:${sha256(a)}`, a);
    expect(await store.delete(`apq:${sha256(a)}`)).toBe(true);
    expect(await store.get(`apq:${sha256(a)}`)).toBeUndefined();
  });
});
