// CORS through the real server: preflights for allowed and other origins, the headers on actual answers (401s
// included, so a page can read why it was refused), Apollo's CSRF prevention still refusing simple requests, a
// server with no origins configured, and "*"; then the pages served to browsers and their security headers.
import type { Json } from "../helpers/query";
import { startTestServer, type TestServer } from "../helpers/server";

const PAGE = "http://127.0.0.1:5173";
const OTHER = "http://evil.example";
const QUERY = JSON.stringify({ query: "{ regions { totalCount } }" });

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true, cors: { origins: [PAGE, "https://dashboard.example.org"], credentials: false, maxAgeSeconds: 600 } });
});
afterAll(() => t.close());

function preflight(url: string, origin: string | null, method = "POST") {
  const headers: Record<string, string> = {
    "access-control-request-method": method,
    "access-control-request-headers": "authorization, content-type",
  };
  if (origin) headers.origin = origin;
  return fetch(url, { method: "OPTIONS", headers });
}

describe("an allowed origin", () => {
  test("its preflight gets 204 naming the origin, the methods, the key's and the body's headers, and how long to keep it", async () => {
    const response = await preflight(t.url, PAGE);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,POST");
    expect(response.headers.get("access-control-allow-headers")?.split(",")).toEqual(
      expect.arrayContaining(["Authorization", "Content-Type", "Apollo-Require-Preflight"]),
    );
    expect(response.headers.get("access-control-max-age")).toBe("600");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/Origin/);
    expect(await response.text()).toBe("");
  });

  test("its query is answered with the origin allowed to read it", async () => {
    const response = await fetch(t.url, {
      method: "POST",
      headers: { origin: PAGE, "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
      body: QUERY,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(response.headers.get("vary")).toMatch(/Origin/);
    expect(((await response.json()) as Json).data).toEqual({ regions: { totalCount: 9 } });
  });

  test("a refusal carries the CORS headers too, so the page can read why (401 and its WWW-Authenticate)", async () => {
    const response = await fetch(t.url, { method: "POST", headers: { origin: PAGE, "content-type": "application/json" }, body: QUERY });
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(response.headers.get("access-control-expose-headers")).toBe("WWW-Authenticate,ETag");
    expect(((await response.json()) as Json).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  test("CSRF prevention still refuses a simple request, even from an allowed origin and with a key", async () => {
    // A GET with no preflight header, and a text/plain POST, are requests a browser sends without asking first.
    const get = await fetch(`${t.url}?query=${encodeURIComponent("{ regions { totalCount } }")}`, {
      headers: { origin: PAGE, authorization: `Bearer ${t.keys.ANALYST}` },
    });
    expect(get.status).toBe(400);
    expect(((await get.json()) as Json).errors[0].message).toMatch(/Cross-Site Request Forgery/);
    const post = await fetch(t.url, {
      method: "POST",
      headers: { origin: PAGE, "content-type": "text/plain", authorization: `Bearer ${t.keys.ANALYST}` },
      body: QUERY,
    });
    expect(post.status).toBe(400);
    expect(await post.text()).toMatch(/Cross-Site Request Forgery/);
  });
});

describe("an origin not on the list", () => {
  test("its preflight is refused with 403, a reason, and no CORS header", async () => {
    const response = await preflight(t.url, OTHER);
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(response.headers.get("access-control-allow-methods")).toBeNull();
    expect(response.headers.get("vary")).toMatch(/Origin/);
    const body = (await response.json()) as Json;
    expect(body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(body.errors[0].message).toBe(
      `Pages on ${OTHER} may not call this API from a browser: the server's CORS_ORIGINS does not list that origin.`,
    );
  });

  test("a request naming it is still served (the browser, not the server, withholds the answer) but allows no origin", async () => {
    const response = await fetch(t.url, {
      method: "POST",
      headers: { origin: OTHER, "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
      body: QUERY,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("an origin differing only by port or scheme is another origin", async () => {
    for (const origin of ["http://127.0.0.1:5174", "https://127.0.0.1:5173", "http://dashboard.example.org"]) {
      const response = await preflight(t.url, origin);
      expect(response.status).toBe(403);
    }
  });

  test("an OPTIONS request that is no browser's preflight is told what the endpoint accepts", async () => {
    const response = await fetch(t.url, { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.headers.get("allow")).toBe("GET, POST, OPTIONS");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("servers configured otherwise", () => {
  test("by default no origin is allowed", async () => {
    const plain = await startTestServer({ seeded: false });
    try {
      const response = await preflight(plain.url, PAGE);
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await plain.close();
    }
  });

  test('with "*" any origin may read answers, and never with credentials', async () => {
    const open = await startTestServer({ seeded: false, cors: { origins: "*", credentials: false, maxAgeSeconds: 60 } });
    try {
      const response = await preflight(open.url, OTHER);
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
      expect(response.headers.get("access-control-max-age")).toBe("60");
      const answer = await fetch(open.url, { method: "POST", headers: { origin: OTHER, "content-type": "application/json" }, body: QUERY });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    } finally {
      await open.close();
    }
  });

  test("with credentials, an allowed origin is told it may send them", async () => {
    const withCredentials = await startTestServer({ seeded: false, cors: { origins: [PAGE], credentials: true, maxAgeSeconds: 600 } });
    try {
      const response = await preflight(withCredentials.url, PAGE);
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe(PAGE);
      expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    } finally {
      await withCredentials.close();
    }
  });
});

describe("pages for browsers", () => {
  const base = () => t.url.replace(/\/graphql$/, "");

  test("GET / is the landing page, leading to the explorer, the atlas and the docs, under a same-origin-only policy", async () => {
    const response = await fetch(`${base()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy")!;
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"])
      expect(csp).toContain(directive);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    for (const href of ['href="/explorer"', 'href="/atlas"', 'href="/docs/schema.graphql"', 'href="/docs/queries/"']) expect(html).toContain(href);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  test("the explorer and the atlas load their bundles from this server only", async () => {
    for (const [page, bundle] of [
      ["/explorer", "/assets/explorer.js"],
      ["/atlas", "/assets/atlas.js"],
    ]) {
      const html = await (await fetch(`${base()}${page}`)).text();
      expect(html).toContain(`src="${bundle}"`);
      expect(html).not.toMatch(/(src|href)="https?:/);
      const js = await fetch(`${base()}${bundle}`);
      expect(js.status).toBe(200);
      expect(js.headers.get("content-type")).toMatch(/javascript/);
    }
  });

  test("a browser opening /graphql is sent to the explorer; a GET query is still the API's", async () => {
    const browser = await fetch(t.url, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" }, redirect: "manual" });
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toBe("/explorer");
    const api = await fetch(`${t.url}?query=${encodeURIComponent("{ regions { totalCount } }")}`, {
      headers: { accept: "application/json", authorization: `Bearer ${t.keys.ANALYST}`, "apollo-require-preflight": "1" },
    });
    expect(api.status).toBe(200);
    expect(((await api.json()) as Json).data).toEqual({ regions: { totalCount: 9 } });
  });

  test("the docs are served as plain text; other paths are not", async () => {
    const doc = await fetch(`${base()}/docs/counting-rules.md`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const example = await fetch(`${base()}/docs/queries/pagination.graphql`);
    expect(await example.text()).toContain("query Pagination");
    for (const path of ["/docs/..%2Fpackage.json", "/docs/queries/..%2F..%2Fpackage.json", "/docs/nothing.md", "/assets/.built"]) {
      expect((await fetch(`${base()}${path}`)).status).toBe(404);
    }
  });
});
