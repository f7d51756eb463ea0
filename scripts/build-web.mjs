// Builds the browser pages SCR Atlas serves (web/ → web/dist/, not committed): the explorer (GraphiQL) and the
// atlas (Chart.js), bundled with esbuild from npm packages so that nothing is fetched from a CDN, plus the HTML
// shells and the examples of docs/queries for the explorer's menu.
//
// Runs before `npm start` (prestart), in `npm run build` (with --force) and in the tests' global set-up; it does
// nothing when web/dist/ is newer than everything it is built from, so those calls cost a directory walk.
// Plain JavaScript: it runs before anything is compiled. Its lines go to stderr.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const web = path.join(root, "web");
const out = path.join(web, "dist");
const stamp = path.join(out, ".built");
const examplesDir = path.join(root, "docs", "queries");

function newest(entry) {
  if (!fs.existsSync(entry)) return -1;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (entry === web && (name === "dist" || name.startsWith(".dist-"))) continue;
    latest = Math.max(latest, newest(path.join(entry, name)));
  }
  return latest;
}

/** The examples of docs/queries: a title from each file's first comment line, and its text. */
function examples() {
  return fs
    .readdirSync(examplesDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(examplesDir, file), "utf8");
      const first = /^#\s*(.+)$/m.exec(text);
      return { file, title: first ? first[1].trim() : file, text };
    });
}

/** The pages cannot be built here (a production install); the API serves without them. */
class MissingTools extends Error {}

export async function buildWeb({ force = false } = {}) {
  // Not package-lock.json: `npm prune --omit=dev` rewrites it where esbuild is gone; `npm run build` forces.
  const sources = Math.max(newest(web), newest(examplesDir), newest(fileURLToPath(import.meta.url)));
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : -1;
  if (!force && built >= sources) return false;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error(
      "web/dist/ is missing or stale and esbuild is not installed to build it: run `npm run build` where the dev dependencies are installed, then ship web/dist/.",
    );
  }
  console.error(built < 0 ? "Building web/dist/ (explorer and atlas pages)…" : "web/ changed since the last build: rebuilding web/dist/…");
  // Built beside web/dist/ and swapped in at the end, so a server running meanwhile keeps serving whole bundles.
  const next = path.join(web, `.dist-${process.pid}`);
  fs.rmSync(next, { recursive: true, force: true });
  fs.mkdirSync(next, { recursive: true });
  // docs/queries as a module the explorer imports: read at build time, so the page needs no request for them.
  const examplesModule = {
    name: "examples",
    setup(build) {
      build.onResolve({ filter: /^virtual:examples$/ }, () => ({ path: "examples", namespace: "examples" }));
      build.onLoad({ filter: /.*/, namespace: "examples" }, () => ({
        contents: JSON.stringify(examples()),
        loader: "json",
        watchDirs: [examplesDir],
      }));
    },
  };
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { explorer: "web/explorer/main.tsx", atlas: "web/atlas/main.ts" },
    bundle: true,
    minify: true,
    sourcemap: true,
    format: "esm",
    target: ["es2020"],
    outdir: next,
    entryNames: "[name]",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    // Fonts and images the stylesheets refer to go into the bundle, never to a URL elsewhere.
    loader: { ".woff": "dataurl", ".woff2": "dataurl", ".svg": "dataurl", ".png": "dataurl" },
    plugins: [examplesModule],
    logLevel: "warning",
  });
  for (const page of fs.readdirSync(path.join(web, "pages"))) fs.copyFileSync(path.join(web, "pages", page), path.join(next, page));
  fs.writeFileSync(path.join(next, ".built"), `${new Date().toISOString()}\n`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(next, out);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb({ force: process.argv.includes("--force") }).catch((error) => {
    if (error instanceof MissingTools) {
      // Only the pages are missing: the API still starts, and /, /explorer and /atlas say how to build them.
      console.error(`Warning: ${error.message}`);
      return;
    }
    console.error(`Building the web pages failed: ${error.message}`);
    process.exit(1);
  });
}
