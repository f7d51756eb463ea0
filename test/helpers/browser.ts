// Headless Chromium for the page tests: Debian's `chromium` package driven by playwright-core (no browser is ever
// downloaded). One browser per test file; each page records every request it makes, and any request to a host
// other than this machine's loopback is aborted and kept, so a test can assert that nothing left localhost.
import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
/** Screenshots land here (git-ignored), one per page test. */
export const SCREENSHOTS = path.join(__dirname, "..", "..", "test-output", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM });
}

export interface WatchedPage {
  page: Page;
  /** Every URL the page asked for, in order. */
  requests: string[];
  /** Requests to anywhere but loopback (aborted). */
  outside: string[];
  /** Uncaught errors and console errors of the page. */
  problems: string[];
}

export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const watched: WatchedPage = { page, requests: [], outside: [], problems: [] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    watched.requests.push(url);
    const { protocol, hostname } = new URL(url);
    if (protocol === "data:" || protocol === "blob:" || LOOPBACK.has(hostname)) return route.continue();
    watched.outside.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("pageerror", (error) => watched.problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") watched.problems.push(`console: ${message.text()}`);
  });
  return watched;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Non-blank pixels a canvas holds: a drawn chart has thousands, an empty canvas none. */
export function paintedPixels(page: Page, selector: string): Promise<number> {
  type Canvas = {
    width: number;
    height: number;
    getContext(kind: "2d"): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
  };
  return page.$eval(selector, (canvas) => {
    const c = canvas as unknown as Canvas;
    const pixels = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
    return painted;
  });
}
