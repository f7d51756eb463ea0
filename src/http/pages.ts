// The pages SCR Atlas serves to browsers, none of which needs a key to load (each asks for one before it asks the
// API anything): `/` (where to go), `/explorer` (GraphiQL), `/atlas` (the national picture as charts), their
// bundles under `/assets/`, and the documentation as plain text under `/docs/`. The bundles are built from web/
// by scripts/build-web.mjs into web/dist/ (never committed); nothing is loaded from anywhere else, which the
// Content-Security-Policy below enforces in the browser as well.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../root";
import express from "express";

const BUILT = path.join(PROJECT_ROOT, "web", "dist");
const DOCS = path.join(PROJECT_ROOT, "docs");
const SCHEMA = path.join(PROJECT_ROOT, "schema");

/**
 * Scripts, styles, fonts, images and API calls from this origin only. Styles may be inline because GraphiQL's
 * editor sets some; no script is inline or evaluated.
 */
export const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGES: Record<string, string> = { "/": "index.html", "/explorer": "explorer.html", "/atlas": "atlas.html" };

function secured(res: express.Response): void {
  res.setHeader("Content-Security-Policy", PAGE_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
}

function notBuilt(res: express.Response): void {
  res
    .status(503)
    .type("text/plain")
    .send("The web pages are not built: run `npm run build` (`npm start` and `npm test` build them when they are missing).\n");
}

/** Plain text for documentation files: readable in a browser, never rendered as a page. */
function sendText(res: express.Response, file: string): void {
  secured(res);
  res.setHeader("Cache-Control", "no-cache");
  res.type("text/plain; charset=utf-8").sendFile(file, (error) => {
    if (error && !res.headersSent) res.status(404).type("text/plain").send("No such document.\n");
  });
}

export function pageRoutes(): express.Router {
  const router = express.Router();
  for (const [route, file] of Object.entries(PAGES)) {
    router.get(route, (_req, res) => {
      const page = path.join(BUILT, file);
      if (!fs.existsSync(page)) return notBuilt(res);
      secured(res);
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(page);
    });
  }
  // Names do not change between builds, so the browser revalidates (ETag) rather than keeping a stale bundle.
  router.use(
    "/assets",
    express.static(BUILT, {
      index: false,
      dotfiles: "ignore",
      cacheControl: false,
      setHeaders: (res) => {
        secured(res);
        res.setHeader("Cache-Control", "no-cache");
      },
    }),
  );
  router.get("/docs/:name", (req, res, next) => {
    const name = req.params.name;
    if (/^[a-z0-9-]+\.md$/.test(name)) return sendText(res, path.join(DOCS, name));
    if (name === "schema.graphql" || name === "partner.graphql") return sendText(res, path.join(SCHEMA, name));
    next();
  });
  router.get("/docs/queries/", (_req, res) => {
    const files = fs.readdirSync(path.join(DOCS, "queries")).filter((f) => f.endsWith(".graphql"));
    secured(res);
    res.type("html").send(
      `<!doctype html><meta charset="utf-8"><title>Worked examples</title><h1>Worked examples</h1><p>Each runs in the <a href="/explorer">explorer</a> (Examples menu).</p><ul>${files
        .sort()
        .map((f) => `<li><a href="/docs/queries/${f}">${f}</a></li>`)
        .join("")}</ul>`,
    );
  });
  router.get("/docs/queries/:name", (req, res, next) => {
    if (!/^[a-z0-9-]+\.graphql$/.test(req.params.name)) return next();
    sendText(res, path.join(DOCS, "queries", req.params.name));
  });
  return router;
}

/** A browser opening /graphql itself (no query) is sent to the explorer; every other request is the API's. */
export const explorerForBrowsers: express.RequestHandler = (req, res, next) => {
  if (
    req.method === "GET" &&
    req.query.query === undefined &&
    req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html"
  ) {
    return res.redirect(303, "/explorer");
  }
  next();
};
