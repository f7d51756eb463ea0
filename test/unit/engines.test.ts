// The Node versions the README promises are the ones package.json's `engines` names, and every package the
// lockfile installs accepts them, so `npm install` and `npm ci` print no EBADENGINE warning on any of them.
import fs from "node:fs";
import path from "node:path";
import semver from "semver";

const ROOT = path.resolve(__dirname, "..", "..");
const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as T;
const pkg = read<{ engines: { node: string } }>("package.json");
const lock = read<{ packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> }>("package-lock.json");

/** The oldest release of each supported line, and the newest this project is tested on. */
const SUPPORTED = ["20.19.0", "20.20.2", "22.13.0", "24.0.0"];

test("package.json's engines accept every supported Node version, and Node 21 (never an LTS) is left out", () => {
  for (const version of SUPPORTED) expect([version, semver.satisfies(version, pkg.engines.node)]).toEqual([version, true]);
  expect(semver.satisfies("21.7.0", pkg.engines.node)).toBe(false);
  expect(semver.satisfies("18.20.0", pkg.engines.node)).toBe(false);
});

test("no installed package asks for a Node version the project supports but it does not", () => {
  const refusing = Object.entries(lock.packages).flatMap(([where, entry]) => {
    const wanted = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
    if (!wanted) return [];
    return SUPPORTED.filter((v) => !semver.satisfies(v, wanted)).map((v) => `${where}@${entry.version} wants node ${wanted}, not ${v}`);
  });
  expect(refusing).toEqual([]);
});

test("the README says which Node versions are supported, as engines does", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(readme).toContain(`\`"node": "${pkg.engines.node}"\``);
});
