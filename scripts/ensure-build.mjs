// `npm start`'s prestart: builds dist/ when it is missing or older than anything it is built from (src/, the
// generated Prisma clients included, the installed packages, this script and the loader), so a fresh clone, a
// pull, an install or an edit never starts stale JavaScript, and a start with dist/ up to date costs a directory
// walk. `npm run build` passes --force. Plain JavaScript: it runs before anything is compiled and without a
// TypeScript loader. Its lines go to stderr, so what the server prints on stdout stays its own.
//
// dist/ holds three files: server.js, src/main.ts bundled by esbuild with the npm packages it uses (one file to
// read and compile instead of ~1,000 modules to find on disk); its source map; and main.js, the loader
// (scripts/dist-main.cjs) that runs the bundle with V8's code cache. docs/architecture.md, "Start-up", says why.
// Type errors are `npm run typecheck`'s to find (CI runs it); esbuild only strips the types.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const stamp = path.join(dist, ".built");
const loader = path.join(root, "scripts", "dist-main.cjs");

/**
 * Left out of the bundle, so node loads them from node_modules as usual: better-sqlite3 (a native addon); the
 * Prisma query compiler's WebAssembly (megabytes of base64, and only the configured database's is ever read);
 * pino-pretty and highs, loaded lazily when a terminal shows the logs or a partner's table needs the solver;
 * pg-native, which pg asks for only when told to use it.
 */
const EXTERNAL = ["better-sqlite3", "@prisma/client/runtime/query_compiler_bg.*", "pino-pretty", "highs", "pg-native"];

function newest(entry) {
  if (!fs.existsSync(entry)) return -1;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const sources = Math.max(
  newest(path.join(root, "src")),
  // npm rewrites its record of node_modules on every install: a package changed under the bundle.
  newest(path.join(root, "node_modules", ".package-lock.json")),
  ...["tsconfig.json", "scripts/ensure-build.mjs", "scripts/dist-main.cjs"].map((f) => newest(path.join(root, f))),
);
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : -1;
if (process.argv.includes("--force") || built < sources) {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    console.error(
      "dist/ is missing or older than src/, and esbuild is not installed to build it: run `npm run build` where the dev dependencies are installed, then ship dist/.",
    );
    process.exit(1);
  }
  console.error(built < 0 ? "Building dist/ (first start)…" : "src/ or the packages changed since the last build: rebuilding dist/…");
  fs.rmSync(dist, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: [path.join(root, "src", "main.ts")],
      outfile: path.join(dist, "server.js"),
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      external: EXTERNAL,
      // `import()` becomes require(): the loader runs the bundle as a script, which has no dynamic-import hook.
      supported: { "dynamic-import": false },
      // Functions and classes keep their names where bundling would rename one (error names, stack traces).
      keepNames: true,
      // Stack traces point into src/ (the loader maps them); the sources themselves are in the project.
      sourcemap: "linked",
      sourcesContent: false,
      logLevel: "warning",
    });
  } catch {
    console.error("The build failed (above); dist/ was not written.");
    fs.rmSync(dist, { recursive: true, force: true });
    process.exit(1);
  }
  fs.copyFileSync(loader, path.join(dist, "main.js"));
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
