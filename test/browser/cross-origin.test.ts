// A real cross-origin page in headless Chromium: a page served from one loopback port calls the API on another
// with a key. From an origin on CORS_ORIGINS the browser's preflight passes and the page reads the answer; from
// any other origin the browser blocks it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { launchBrowser, openPage, screenshot } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

/** Where the pages send their request, set once the API is up (its allow-list needs the pages' origins first). */
const target = { url: "", key: "" };

/** A team's page: asks the API for the number of regions with the key, and prints what it got or the error. */
const PAGE = () => `<!doctype html><meta charset="utf-8"><title>A team's dashboard</title><pre id="out">waiting</pre>
<script>
fetch(${JSON.stringify(target.url)}, {
  method: "POST",
  headers: { "content-type": "application/json", authorization: "Bearer " + ${JSON.stringify(target.key)} },
  body: JSON.stringify({ query: "{ regions { totalCount } }" }),
})
  .then((r) => r.json())
  .then((body) => { document.getElementById("out").textContent = JSON.stringify(body.data); })
  .catch((error) => { document.getElementById("out").textContent = String(error); });
</script>`;

interface PageServer {
  origin: string;
  close(): Promise<void>;
}

async function pageServer(): Promise<PageServer> {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(PAGE()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let browser: Browser;
let api: TestServer;
let allowed: PageServer;
let other: PageServer;
beforeAll(async () => {
  [browser, allowed, other] = await Promise.all([launchBrowser(), pageServer(), pageServer()]);
  api = await startTestServer({ seeded: true, cors: { origins: [allowed.origin], credentials: false, maxAgeSeconds: 600 } });
  target.url = api.url;
  target.key = api.keys.ANALYST;
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([allowed?.close(), other?.close(), api?.close()]);
});

async function open(origin: string) {
  const w = await openPage(browser);
  const console: string[] = [];
  w.page.on("console", (m) => console.push(m.text()));
  await w.page.goto(`${origin}/`);
  await w.page.waitForFunction('document.getElementById("out").textContent !== "waiting"');
  return { w, out: await w.page.textContent("#out"), console };
}

test("a page on an allowed origin reads the API's answer", async () => {
  const { w, out } = await open(allowed.origin);
  expect(out).toBe(JSON.stringify({ regions: { totalCount: 9 } }));
  // The query went to the API on its own port (the browser's preflight before it is not routed through the page).
  expect(w.requests.filter((u) => u === api.url)).toHaveLength(1);
  expect(w.outside).toEqual([]);
  await screenshot(w.page, "cross-origin-allowed");
  await w.page.close();
});

test("a page on another origin is blocked by the browser's CORS policy", async () => {
  const { w, out, console } = await open(other.origin);
  expect(out).toBe("TypeError: Failed to fetch");
  expect(console.join("\n")).toContain(`from origin '${other.origin}' has been blocked by CORS policy`);
  await w.page.close();
});
