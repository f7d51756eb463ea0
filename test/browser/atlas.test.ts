// The atlas page in headless Chromium: with an ANALYST key on the hand-built fixture (test/helpers/query-fixture.ts),
// every number it shows is worked out by hand below; with a PARTNER key limited to registered operations (a
// published dashboard's), every number equals the API's answer to a partner and every suppressed figure is shown
// as suppressed, never as a number. Nothing is loaded from outside this machine, the charts are drawn, and a
// screenshot is saved for each.
import type { Browser } from "playwright-core";
import { createKey } from "../../src/domain/keys";
import { launchBrowser, openPage, paintedPixels, screenshot, type WatchedPage } from "../helpers/browser";
import { insertQueryFixture } from "../helpers/query-fixture";
import type { Json } from "../helpers/query";
import { startTestServer, type TestServer } from "../helpers/server";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const CHARTS = ["#boards-chart", "#rates-chart", "#inadequate-chart"];

async function openAtlas(base: string, key: string): Promise<WatchedPage> {
  const w = await openPage(browser);
  await w.page.goto(`${base}/atlas`);
  await w.page.fill("#api-key", key);
  await w.page.click("#key-form button[type=submit]");
  // A research partner's first request for a year waits for the exact check of that year's suppression (seconds
  // each on the seed, then cached by the server), and the page asks about five years.
  await w.page.waitForSelector("body[data-state=ready], body[data-state=error]", { state: "attached", timeout: 100_000 });
  expect(await w.page.textContent("#status")).toMatch(/^Drawn\./);
  return w;
}

/** A table's body as text, cell by cell. */
function rows(w: WatchedPage, table: string): Promise<string[][]> {
  return w.page.$$eval(`${table} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

/** A table's figures as the page holds them: [status, value] per cell of figures. */
function figures(w: WatchedPage, table: string): Promise<[string, string | null][][]> {
  return w.page.$$eval(`${table} tbody tr`, (trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll("td[data-status]")].map(
        (td) => [td.getAttribute("data-status")!, td.getAttribute("data-value")] as [string, string | null],
      ),
    ),
  );
}

async function expectDrawnLocally(w: WatchedPage): Promise<void> {
  for (const chart of CHARTS) expect(await paintedPixels(w.page, chart)).toBeGreaterThan(1000);
  expect(w.outside).toEqual([]);
  expect(w.problems).toEqual([]);
  expect(w.requests.every((u) => new URL(u).hostname === "127.0.0.1")).toBe(true);
}

describe("an ANALYST on the fixture, 2007-08 (numbers by hand)", () => {
  let t: TestServer;
  let w: WatchedPage;
  beforeAll(async () => {
    t = await startTestServer({ seeded: false });
    await insertQueryFixture(t.database.db);
    w = await openAtlas(t.url.replace(/\/graphql$/, ""), t.keys.ANALYST);
  });
  afterAll(async () => {
    await w?.page.close();
    await t?.close();
  });

  test("the page reports the key's role and draws every chart from this server alone", async () => {
    expect(await w.page.textContent("#role")).toBe("ANALYST");
    await expectDrawnLocally(w);
    await screenshot(w.page, "atlas-analyst-fixture");
  });

  test("boards: deaths against reviews, the expected line at England's rate, the furthest boards named", async () => {
    // Qualifying deaths notified in 2007-08: A I1, I2; B I5 (I4 was not suspected abuse); C I7, I9; D none.
    // Reviews initiated in 2007-08: A RV1; B RV2; C RV3, RV4; D RV6 (RV5 is 2008-09). England: 5 / 5 = 1 per death.
    expect(await rows(w, "#boards-table")).toEqual([
      ["Alpha LSCB", "North East", "2", "1"],
      ["Beta_1 LSCB", "North East", "1", "1"],
      ["Betax1 LSCB", "North West", "2", "2"],
      ["Ðelta LSCB", "North West", "0", "1"],
    ]);
    expect(await w.page.textContent("#boards-suppressed")).toBe("4 boards plotted.");
    expect(await w.page.textContent("#boards-rate")).toBe("England: 5 reviews initiated for 5 qualifying deaths, 1 per qualifying death.");
    // Expected = deaths × 1; A is 1 short, D 1 over; B and C exactly as expected.
    expect(await rows(w, "#furthest-table")).toEqual([
      ["Alpha LSCB", "North East", "2", "1", "2", "-1"],
      ["Ðelta LSCB", "North West", "0", "1", "0", "+1"],
      ["Beta_1 LSCB", "North East", "1", "1", "1", "0"],
      ["Betax1 LSCB", "North West", "2", "2", "2", "0"],
    ]);
  });

  test("regions: death rate and review rate per 10,000 children", async () => {
    // North East: 3 deaths, 2 reviews, 30,000 children (A 10,000 + B 20,000); North West: 2 deaths, 3 reviews,
    // 35,000 children; London has no boards, so no population figure: not available (x).
    const cells = await figures(w, "#rates-table");
    expect(cells[0]).toEqual([
      ["OK", String(3 / 3)],
      ["OK", String((2 * 10_000) / 30_000)],
    ]);
    expect(cells[1]).toEqual([
      ["OK", String((2 * 10_000) / 35_000)],
      ["OK", String((3 * 10_000) / 35_000)],
    ]);
    expect(cells[2]!.map(([status]) => status)).toEqual(["NOT_AVAILABLE", "NOT_AVAILABLE"]);
    expect((await rows(w, "#rates-table")).map((r) => r[0])).toEqual(["North East", "North West", "London"]);
  });

  test("inadequate share by region over the years", async () => {
    // Evaluated in 2007-08: North East RV1 GOOD and RV2 INADEQUATE (1 of 2). In 2008-09: North West RV4
    // INADEQUATE and RV6 OUTSTANDING (1 of 2). Any other region and year evaluated nothing: not applicable (z).
    expect(await rows(w, "#inadequate-table")).toEqual([
      ["North East", "z", "z", "50.0%", "z", "z"],
      ["North West", "z", "z", "z", "50.0%", "z"],
      ["London", "z", "z", "z", "z", "z"],
    ]);
    expect(await w.page.$$eval("#inadequate-table thead th, #inadequate-table thead td", (c) => c.map((x) => x.textContent))).toEqual([
      "Region",
      "2005-06",
      "2006-07",
      "2007-08",
      "2008-09",
      "2009-10",
    ]);
  });

  test("silent boards: none in 2007-08; in 2008-09 every board but Alpha (RV5), none with a qualifying death", async () => {
    expect(await rows(w, "#silent-table")).toEqual([]);
    await w.page.selectOption("#year", "2008-09");
    // The page asks again at once (its state is "loading" until the new year is drawn).
    await w.page.waitForSelector("body[data-state=ready]", { state: "attached" });
    expect((await rows(w, "#silent-table")).sort()).toEqual([
      ["Beta_1 LSCB", "North East", "0"],
      ["Betax1 LSCB", "North West", "0"],
      ["Ðelta LSCB", "North West", "0"],
    ]);
    expect(await w.page.textContent("#silent-count")).toBe("3 boards in force for the whole of 2008-09 initiated no serious case review in it.");
  });
});

describe("a PARTNER on the fixture, 2007-08: suppressed figures shown as suppressed, never drawn", () => {
  let t: TestServer;
  let w: WatchedPage;
  let api: Json;
  beforeAll(async () => {
    t = await startTestServer({ seeded: false });
    await insertQueryFixture(t.database.db);
    // A published dashboard's key: the atlas's operations are the registered ones, asked by hash alone.
    const dashboard = await createKey(t.database.db, { role: "PARTNER", label: "published atlas", registeredOnly: true, actor: "test" });
    w = await openAtlas(t.url.replace(/\/graphql$/, ""), dashboard.key);
    const response = await t.query(
      `{ regions(orderBy: [{ field: CODE }]) { edges { node { name stats(period: { financialYear: "2007-08" }) { deathRate { value status } reviewRate { value status } } } } }
         boards(first: 100, orderBy: [{ field: CODE }]) { edges { node { name stats(period: { financialYear: "2007-08" }) { qualifyingDeaths { value status } reviewsInitiated { value status } } } } }
         nationalStats(period: { financialYear: "2007-08" }) { reviewsPerQualifyingDeath { value status } } }`,
      {},
      { key: t.keys.PARTNER },
    );
    expect(response.errors).toBeUndefined();
    api = response.data;
  });
  afterAll(async () => {
    await w?.page.close();
    await t?.close();
  });

  const asCells = (figures: Json[]) => figures.map((f) => [f.status, f.value === null ? null : String(f.value)]);

  test("the page draws for a research partner from this server alone", async () => {
    expect(await w.page.textContent("#role")).toBe("PARTNER");
    await expectDrawnLocally(w);
    // Every question went by GET with the operation's hash, none with a document (a registered-only key's refusal
    // would have left the page in its error state).
    const asked = w.requests.filter((u) => new URL(u).pathname === "/graphql");
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((u) => new URL(u).searchParams.has("extensions") && !new URL(u).searchParams.has("query"))).toBe(true);
    await screenshot(w.page, "atlas-partner-fixture");
  });

  test("every board count of 1 to 5 is shown as c; each figure is the partner's, cell for cell", async () => {
    const partner = api.boards.edges.map(({ node }: Json) => asCells([node.stats.qualifyingDeaths, node.stats.reviewsInitiated]));
    expect(await figures(w, "#boards-table")).toEqual(partner);
    // A 2 and 1, B 1 and 1, C 2 and 2 (counts of 1 to 5), and D's 1 review: suppressed; D's 0 deaths is no small number.
    const texts = await rows(w, "#boards-table");
    expect(texts.map((r) => r.slice(2))).toEqual([
      ["c", "c"],
      ["c", "c"],
      ["c", "c"],
      [partner[3][0][0] === "SUPPRESSED" ? "c" : "0", "c"],
    ]);
    // No board has both figures shown, so none is plotted or ranked, and England's rate (5 / 5) is withheld too.
    expect(api.nationalStats.reviewsPerQualifyingDeath.status).toBe("SUPPRESSED");
    expect(await w.page.textContent("#boards-suppressed")).toBe("0 of 4 boards plotted; 4 have a suppressed figure (c) and are not drawn.");
    expect(await w.page.textContent("#boards-rate")).toBe("England: c reviews initiated for c qualifying deaths, no rate to expect reviews from.");
    expect(await rows(w, "#furthest-table")).toEqual([]);
  });

  test("region rates are the partner's figures: derived from suppressed counts, so suppressed; London's not available", async () => {
    const partner = api.regions.edges.map(({ node }: Json) => asCells([node.stats.deathRate, node.stats.reviewRate]));
    expect(await figures(w, "#rates-table")).toEqual(partner);
    expect((await rows(w, "#rates-table")).map((r) => r.slice(1))).toEqual([
      ["c", "c"],
      ["c", "c"],
      ["x", "x"],
    ]);
  });
});
