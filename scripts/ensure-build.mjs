// `npm start`'s prestart: compiles src/ to dist/ (tsconfig.build.json) when dist/ is missing or older than any
// file of src/ (the generated Prisma clients included) or the build's settings, so a fresh clone, a pull or an
// edit never starts stale JavaScript, and a start with dist/ up to date costs a directory walk. `npm run build`
// passes --force. Plain JavaScript: it runs before anything is compiled and without a TypeScript loader. Its
// lines go to stderr, so what the server prints on stdout stays its own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stamp = path.join(root, "dist", ".built");

function newest(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const sources = Math.max(newest(path.join(root, "src")), ...["tsconfig.json", "tsconfig.build.json"].map((f) => newest(path.join(root, f))));
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : -1;
if (process.argv.includes("--force") || built < sources) {
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  if (!fs.existsSync(tsc)) {
    console.error(
      "dist/ is missing or older than src/, and TypeScript is not installed to build it: run `npm run build` where the dev dependencies are installed, then ship dist/.",
    );
    process.exit(1);
  }
  console.error(built < 0 ? "Building dist/ (first start)…" : "src/ changed since the last build: rebuilding dist/…");
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
  } catch {
    console.error("The build failed (above); dist/ was not written.");
    process.exit(1);
  }
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
