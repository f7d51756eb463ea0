// The landing page and the explorer in headless Chromium, against the real server on the seed: nothing is
// loaded from outside this machine, the key is kept in the tab's sessionStorage only, introspection works once
// a key is in use, an example from docs/queries loads from the menu, and a query's result shows.
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { launchBrowser, openPage, screenshot, type WatchedPage } from "../helpers/browser";
import { data } from "../helpers/query";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
let browser: Browser;
let base: string;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestServer({ seeded: true }), launchBrowser()]);
  base = t.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Requests the page's own API calls got refused before a key was entered: the only errors allowed. */
const unexpected = (w: WatchedPage) => w.problems.filter((p) => !/status of 401 \(Unauthorized\)/.test(p));

test("GET / leads to the explorer, the atlas and the docs, from this server only", async () => {
  const w = await openPage(browser);
  await w.page.goto(`${base}/`);
  const links = await w.page.$$eval("a", (as) => as.map((a) => a.getAttribute("href")));
  expect(links).toEqual(expect.arrayContaining(["/explorer", "/atlas", "/docs/schema.graphql", "/docs/queries/"]));
  // A link to the docs answers with the document itself.
  const schema = await w.page.request.get(`${base}/docs/schema.graphql`);
  expect(schema.status()).toBe(200);
  expect(await schema.text()).toContain("type Query {");
  await w.page.click("text=Explorer");
  await w.page.waitForURL(`${base}/explorer`);
  expect(w.outside).toEqual([]);
  await w.page.close();
});

test("a browser opening /graphql is sent to the explorer", async () => {
  const w = await openPage(browser);
  await w.page.goto(`${base}/graphql`);
  expect(w.page.url()).toBe(`${base}/explorer`);
  await w.page.waitForSelector(".graphiql-container");
  await w.page.close();
});

describe("the explorer", () => {
  let w: WatchedPage;
  beforeAll(async () => {
    w = await openPage(browser);
    await w.page.goto(`${base}/explorer`);
    await w.page.waitForSelector(".graphiql-container");
  });
  afterAll(() => w.page.close());

  test("without a key the page says so, and the schema cannot be read", async () => {
    expect(await w.page.textContent(".key-state")).toBe("no key: requests get 401");
    // GraphiQL's introspection went to this server's /graphql and was refused for want of a key.
    const graphql = w.requests.filter((u) => u === `${base}/graphql`);
    expect(graphql.length).toBeGreaterThan(0);
  });

  test("with a key: introspection works, the key stays in sessionStorage only, and a query's result shows", async () => {
    await w.page.fill("#api-key", t.keys.ANALYST);
    await w.page.click("text=Use key");
    expect(await w.page.textContent(".key-state")).toBe("key in use (this tab only)");
    // The documentation explorer lists the schema's root types, read by introspection with the key.
    await w.page.click('button[aria-label="Show Documentation Explorer"]');
    await w.page.waitForSelector(".graphiql-doc-explorer >> text=Query", { timeout: 15_000 });
    const storage = (await w.page.evaluate('({ session: sessionStorage.getItem("scr-atlas.key"), local: JSON.stringify(localStorage) })')) as {
      session: string | null;
      local: string;
    };
    expect(storage.session).toBe(t.keys.ANALYST);
    expect(storage.local).not.toContain(t.keys.ANALYST);

    // The welcome query asks England's qualifying deaths and reviews initiated in 2007-08.
    const expected = await data(
      t,
      `{ nationalStats(period: { financialYear: "2007-08" }) { qualifyingDeaths { value } reviewsInitiated { value } } }`,
    );
    await w.page.click(".graphiql-execute-button");
    const result = w.page.locator(".result-window");
    await result.getByText('"nationalStats"').waitFor({ timeout: 15_000 });
    const text = (await result.innerText()).replace(/\s+/g, " ");
    expect(text).toContain(`"qualifyingDeaths": { "value": ${expected.nationalStats.qualifyingDeaths.value}, "status": "OK" }`);
    expect(text).toContain(`"reviewsInitiated": { "value": ${expected.nationalStats.reviewsInitiated.value}, "status": "OK" }`);
  });

  test("an example of docs/queries loads from the menu and runs", async () => {
    const file = "q2-review-rate-against-death-rate-by-region.graphql";
    // The key, as in the test above (entered again, so this test stands alone).
    await w.page.fill("#api-key", t.keys.ANALYST);
    await w.page.click("text=Use key");
    const options = await w.page.$$eval("#examples option", (os) => os.map((o) => o.getAttribute("value")).filter(Boolean));
    expect(options).toEqual(
      fs
        .readdirSync(`${__dirname}/../../docs/queries`)
        .filter((f) => f.endsWith(".graphql"))
        .sort(),
    );
    await w.page.selectOption("#examples", file);
    await w.page.locator(".graphiql-query-editor").getByText("query ReviewRateAgainstDeathRateByRegion").waitFor();
    // The page's own request for the example, and its answer: every region, the first as the API gives it to
    // the test itself (read from the response, since the result pane draws only the lines in view).
    const [response] = await Promise.all([
      w.page.waitForResponse((r) => r.url() === `${base}/graphql` && (r.request().postData() ?? "").includes("ReviewRateAgainstDeathRateByRegion"), {
        timeout: 30_000,
      }),
      w.page.click(".graphiql-execute-button"),
    ]);
    const first = (await data(t, `{ regions(first: 1) { edges { node { name } } } }`)).regions.edges[0].node.name;
    const answer = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(JSON.stringify(answer.data)).toContain(`"${first}"`);
    await w.page.locator(".result-window").getByText('"data"').waitFor({ timeout: 15_000 });
    await screenshot(w.page, "explorer");
    expect(w.outside).toEqual([]);
    expect(unexpected(w)).toEqual([]);
  });
});
