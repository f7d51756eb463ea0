// Imports run one way: http above schema above context and domain, with the limits, errors and the per-request
// plumbing below the schema; and no role is named outside the table of what each role may do. (No circle at all:
// import-cycles.test.ts.)
import fs from "node:fs";
import path from "node:path";
import { importGraph, SRC, sourceFiles } from "../helpers/import-graph";

const graph = importGraph();

/** The imports of the files matching `from` that reach a file matching `to`. */
function arrows(from: RegExp, to: RegExp): string[] {
  return [...graph].flatMap(([file, targets]) => (from.test(file) ? targets.filter((t) => to.test(t)).map((t) => `${file} -> ${t}`) : []));
}

test("the scan reads the layers it checks", () => {
  for (const file of ["http/server", "context", "limits", "errors", "domain/roles", "schema/builder"])
    expect([file, graph.has(file)]).toEqual([file, true]);
  expect(graph.get("http/server")).toContain("http/request-state");
});

test("domain imports neither the schema nor the HTTP layer nor the request plumbing", () => {
  expect(arrows(/^domain\//, /^(schema|http)\/|^(context|loaders)$/)).toEqual([]);
});

test("the schema never imports the HTTP layer", () => {
  expect(arrows(/^schema\//, /^http\//)).toEqual([]);
});

test("the context, loaders, limits and errors import nothing from the schema or the HTTP layer", () => {
  expect(arrows(/^(context|loaders|limits|limiter|errors|db|config|logger)$/, /^(schema|http)\//)).toEqual([]);
});

test("no code names a role outside the table of what each role may do", () => {
  // The table itself; the Role enum's values and descriptions; the role of the key `npm start` creates.
  const allowed = new Set(["domain/roles.ts", "schema/access/types.ts", "main.ts"]);
  const role = "(?:ADMIN|STEWARD|ANALYST|PARTNER)";
  const named = new RegExp(`["'\`]${role}["'\`]|\\.${role}\\b|^\\s*${role}\\s*:`, "m");
  const offending = sourceFiles(SRC)
    .map((file) => path.relative(SRC, file).split(path.sep).join("/"))
    .filter((file) => !allowed.has(file) && named.test(fs.readFileSync(path.join(SRC, file), "utf8")));
  expect(offending).toEqual([]);
});
