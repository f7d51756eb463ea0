// `npx tsx bench/filter-limits.ts`: how long the worst `where` filters the limits permit hold the database, on
// the seeded dataset, through the real HTTP server. On SQLite a statement runs on the event loop and cannot be
// interrupted, so these figures are what bounds the time /health can go unanswered.
//
// It tries every chain of relation filters as deep as LIMITS.relationDepth allows, from every list that takes a
// `where`, each ending in a condition that matches nothing (so no EXISTS stops early and the database visits
// every related row), then the worst chain combined as far as the cost and the count of relation filters let
// one request go. Writes bench/filter-limits.json. DATABASE_URL=postgresql://… measures PostgreSQL instead, in
// that database (seeded if empty; an ANALYST key labelled "filter bench" is added to it: use a scratch one).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase } from "./database";
import { performance } from "node:perf_hooks";
import { getNamedType, type GraphQLInputObjectType, isInputObjectType } from "graphql";
import { createKey } from "../src/domain/keys";
import { schema } from "../src/schema";
import { LIMITS } from "../src/limits";
import { relationFilterCost } from "../src/http/query-limits";
import { ROLE_CAPABILITIES } from "../src/domain/roles";
import { seedDatabase } from "../src/seed";
import { startServer } from "../src/http/server";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The lists a chain starts from, by the `where` type they take. */
const ROOTS: Record<string, string> = {
  RegionWhere: "regions",
  BoardWhere: "boards",
  IncidentWhere: "incidents",
  ReviewWhere: "reviews",
  FindingWhere: "findings",
  AuthorWhere: "authors",
};

/** A condition on each model that no row meets but that the database must test row by row. */
const NOTHING: Record<string, (n: number) => Record<string, unknown>> = {
  RegionWhere: (n) => ({ name: { contains: `zz${n}` } }),
  BoardWhere: (n) => ({ name: { contains: `zz${n}` } }),
  IncidentWhere: (n) => ({ reference: { contains: `zz${n}` } }),
  ReviewWhere: (n) => ({ reference: { contains: `zz${n}` } }),
  AuthorWhere: (n) => ({ reference: { contains: `zz${n}` } }),
  FindingWhere: () => ({ AND: [{ source: { eq: "EVALUATION" } }, { source: { eq: "REVIEW" } }] }),
  EvaluationWhere: (n) => ({ daysToEvaluate: { lt: -100_000 - n } }),
  CompetencyWhere: (n) => ({ years: { gt: 1000 + n } }),
};

interface Hop {
  field: string;
  list: boolean;
  target: string;
}

/** The relation fields of a `…Where` input (the same rule as src/schema/common/filter-shape.ts). */
function hops(typeName: string): Hop[] {
  const type = schema.getType(typeName) as GraphQLInputObjectType;
  const out: Hop[] = [];
  for (const field of Object.values(type.getFields())) {
    if (["AND", "OR", "NOT"].includes(field.name)) continue;
    const named = getNamedType(field.type);
    if (!isInputObjectType(named)) continue;
    if (named.name.endsWith("ListFilter")) out.push({ field: field.name, list: true, target: getNamedType(named.getFields().some!.type).name });
    else if (named.name.endsWith("Where")) out.push({ field: field.name, list: false, target: named.name });
  }
  return out;
}

function chains(from: string, depth: number): Hop[][] {
  if (depth === 0) return [[]];
  return hops(from).flatMap((h) => chains(h.target, depth - 1).map((rest) => [h, ...rest]));
}

function chainWhere(chain: Hop[], leaf: number, root: string): Record<string, unknown> {
  const last = chain.length > 0 ? chain[chain.length - 1]!.target : root;
  let where: Record<string, unknown> = NOTHING[last]!(leaf);
  for (let i = chain.length - 1; i >= 0; i--) {
    const h = chain[i]!;
    where = { [h.field]: h.list ? { some: where } : where };
  }
  return where;
}

async function main(): Promise<void> {
  const { config, database, close } = await benchDatabase("filter");
  if ((await database.db.region.count()) === 0) await seedDatabase(database.db);
  const { key } = await createKey(database.db, { role: "ANALYST", label: "filter bench", actor: "bench" });
  const server = await startServer({ database, port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${server.port}/graphql`;

  const time = async (root: string, where: Record<string, unknown>) => {
    const query = `query($w: ${root}) { ${ROOTS[root]}(first: 100, where: $w) { totalCount edges { node { id } } } }`;
    const body = JSON.stringify({ query, variables: { w: where } });
    const times: number[] = [];
    let cost = 0;
    for (let i = -1; i < RUNS; i++) {
      const started = performance.now();
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
      const json = (await response.json()) as { errors?: unknown[]; extensions?: { cost?: { requested: number } } };
      if (i >= 0) times.push(performance.now() - started); // the first run warms the caches
      if (json.errors) throw new Error(`${root} ${JSON.stringify(where)}: ${JSON.stringify(json.errors)}`);
      cost = json.extensions?.cost?.requested ?? 0;
    }
    return { ms: Number(Math.max(...times).toFixed(1)), cost };
  };

  // Every chain as deep as permitted, from every list.
  const single = [];
  for (const root of Object.keys(ROOTS)) {
    for (const chain of chains(root, LIMITS.relationDepth)) {
      const { ms, cost } = await time(root, chainWhere(chain, 0, root));
      single.push({ root: ROOTS[root]!, chain: chain.map((h) => h.field).join(" → "), ms, cost });
    }
  }
  single.sort((a, b) => b.ms - a.ms);

  // Each of the five worst chains, as many times as the ANALYST budget allows, and the remaining relation
  // filters as first hops of the same list, all in one OR so that none can stop the others early.
  const chainCost = Array.from({ length: LIMITS.relationDepth }, (_, i) => relationFilterCost(i + 1)).reduce((a, b) => a + b, 0);
  const budget = ROLE_CAPABILITIES.ANALYST.costBudget - 1 - 100 * 3; // the page of 100 ids and totalCount
  const copies = Math.min(Math.floor(budget / chainCost), Math.floor(LIMITS.relationFilters / LIMITS.relationDepth));
  const firstHops = Math.min(
    LIMITS.relationFilters - copies * LIMITS.relationDepth,
    Math.floor((budget - copies * chainCost) / relationFilterCost(1)),
  );
  const combined = [];
  for (const worst of single.slice(0, 5)) {
    const root = Object.keys(ROOTS).find((r) => ROOTS[r] === worst.root)!;
    const chain = chains(root, LIMITS.relationDepth).find((c) => c.map((h) => h.field).join(" → ") === worst.chain)!;
    const OR = [
      ...Array.from({ length: copies }, (_, i) => chainWhere(chain, i, root)),
      ...Array.from({ length: firstHops }, (_, i) => chainWhere(chain.slice(0, 1), 100 + i, root)),
    ];
    const measured = await time(root, { OR });
    combined.push({
      root: worst.root,
      shape: `OR of ${copies} × (${worst.chain}) and ${firstHops} × (${chain[0]!.field})`,
      relationFilters: copies * LIMITS.relationDepth + firstHops,
      ...measured,
    });
  }
  combined.sort((a, b) => b.ms - a.ms);

  await server.stop();
  await close();

  const report = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, database: config.kind },
    limits: { relationDepth: LIMITS.relationDepth, relationFilters: LIMITS.relationFilters, analystCost: ROLE_CAPABILITIES.ANALYST.costBudget },
    note: `ms is the slowest of ${RUNS} runs (after one to warm up) of a request (first: 100, totalCount), through HTTP; each chain ends in a condition nothing meets`,
    worstChains: single.slice(0, 10),
    chainsTried: single.length,
    worstPermittedRequests: combined,
  };
  const out = path.join(__dirname, config.kind === "sqlite" ? "filter-limits.json" : "filter-limits.postgresql.json");
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.table(report.worstChains);
  console.table(report.worstPermittedRequests);
  console.log(`${single.length} chains; written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
