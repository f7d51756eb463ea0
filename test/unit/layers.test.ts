// Imports run one way: http above schema above context and domain, with the limits, errors and the per-request
// plumbing below the schema; and no role is named outside the table of what each role may do.
import fs from "node:fs";
import path from "node:path";

const SRC = path.join(__dirname, "..", "..", "src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Each source file (relative to src, without .ts) and the source files it imports, type-only imports included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const id = (file: string) => path.relative(SRC, file).replace(/\.ts$/, "").split(path.sep).join("/");
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, "utf8");
    const targets: string[] = [];
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) {
      const target = path.resolve(path.dirname(file), match[1]!);
      for (const candidate of [`${target}.ts`, path.join(target, "index.ts")]) {
        if (fs.existsSync(candidate) && !candidate.includes(`${path.sep}generated${path.sep}`)) targets.push(id(candidate));
      }
    }
    graph.set(id(file), targets);
  }
  return graph;
}

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

test("no import circle passes through the HTTP layer, the context, the limits, the errors or the roles", () => {
  // Tarjan's strongly connected components: a component of more than one file is a circle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  const mine = /^http\/|^(context|loaders|limits|limiter|errors)$|^domain\/roles$/;
  expect(circles.filter((c) => c.some((f) => mine.test(f)))).toEqual([]);
});

test("no code names a role outside the table of what each role may do", () => {
  // The table itself; the Role enum's values and descriptions; the role of the key `npm start` creates.
  const allowed = new Set(["domain/roles.ts", "schema/access/types.ts", "main.ts"]);
  const role = "(?:ADMIN|STEWARD|ANALYST|PARTNER)";
  const named = new RegExp(`["'\`]${role}["'\`]|\\.${role}\\b|^\\s*${role}\\s*:`, "m");
  const offending = sources(SRC)
    .map((file) => path.relative(SRC, file).split(path.sep).join("/"))
    .filter((file) => !allowed.has(file) && named.test(fs.readFileSync(path.join(SRC, file), "utf8")));
  expect(offending).toEqual([]);
});
