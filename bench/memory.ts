// The API's memory under the benchmark's heaviest load, for comparing server settings side by side in one run:
// each variant (a set of environment variables for the server process, its configuration; NODE_FLAGS, read by
// this bench, replaces the V8 flags of package.json's start script) gets a fresh `node [flags] dist/main.js` on the same seeded database, is left at rest, then takes autocannon at
// `--connections` (each connection with its own key, as `npm run bench` does) on each heavy query in turn, and
// is left at rest again. Meanwhile the process's resident memory is read from /proc every 100 ms, and what V8
// says it holds (heap used and reserved, external memory: ArrayBuffers, Buffers, native strings) from the
// server's own /metrics every 500 ms. Printed, never asserted: compare the variants of one run.
//
//   npx tsx bench/memory.ts                                   SQLite: the variants `before` and `default`
//   DATABASE_URL=postgresql://…/scratch npx tsx bench/memory.ts
//   npx tsx bench/memory.ts --duration 10 --queries allBoardsStats,variation \
//     --variant 'running2:MAX_RUNNING_REQUESTS=2' --variant 'semi4:NODE_FLAGS=--max-semi-space-size=4'
//
// A variant is `name:VAR=value;VAR=value` (values may hold '=' and spaces; ';' separates variables).
// On PostgreSQL, DATABASE_URL names a scratch database the bench may seed and add keys to (bench/database.ts).
import { benchDatabase } from "./database";
import { createKey } from "../src/domain/keys";
import { seedDatabase } from "../src/seed";
import { loadTest } from "./load";
import { buildServers, nodeFlagsOfStart, rssMb, startApi } from "./processes";
import { WORKLOAD, type WorkloadQuery } from "./workload";

interface Variant {
  name: string;
  env: Record<string, string>;
}

const HEAVY = ["allBoardsStats", "variation", "partnerTable", "reviewsPage"];
/** The token the server's /metrics asks for in these runs (every variant has the metrics on, as production would). */
const METRICS_TOKEN = "bench-memory-metrics-token";

/** The settings before the admission limit (and without any V8 flag of the start script), and the defaults now. */
const DEFAULT_VARIANTS: Variant[] = [
  { name: "before", env: { MAX_RUNNING_REQUESTS: "0", NODE_FLAGS: "" } },
  { name: "default", env: {} },
];

const USAGE = "usage: npx tsx bench/memory.ts [--queries id,id] [--connections 50] [--duration S] [--variant 'name:VAR=value;VAR=value']…";

function parseVariant(raw: string): Variant {
  const colon = raw.indexOf(":");
  const name = colon < 0 ? raw : raw.slice(0, colon);
  const env: Record<string, string> = {};
  for (const part of colon < 0 ? [] : raw.slice(colon + 1).split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 1) throw new Error(`--variant '${raw}': '${part}' is not VAR=value\n${USAGE}`);
    env[part.slice(0, eq).trim()] = part.slice(eq + 1);
  }
  if (!/^[\w-]+$/.test(name)) throw new Error(`--variant '${raw}': name it with letters, digits, - or _ first\n${USAGE}`);
  return { name, env };
}

function parseOptions(argv: string[]) {
  const options = { queries: HEAVY, connections: 50, durationS: 8, variants: [] as Variant[] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[++i] ?? "";
    if (flag === "--queries") {
      options.queries = value.split(",");
      const unknown = options.queries.filter((id) => !WORKLOAD.some((q) => q.id === id));
      if (unknown.length > 0) throw new Error(`--queries takes ids of bench/workload.ts, not '${unknown.join(",")}'\n${USAGE}`);
    } else if (flag === "--connections" || flag === "--duration") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} takes a whole number from 1, not '${value}'\n${USAGE}`);
      if (flag === "--connections") options.connections = n;
      else options.durationS = n;
    } else if (flag === "--variant") options.variants.push(parseVariant(value));
    else throw new Error(`unknown option '${flag}'\n${USAGE}`);
  }
  if (options.variants.length === 0) options.variants = DEFAULT_VARIANTS;
  return options;
}

/** What the server's /metrics says of its memory, in MB (prom-client's default metrics). */
async function v8Memory(url: string): Promise<{ heapUsed: number; heapTotal: number; external: number } | null> {
  try {
    const response = await fetch(url.replace(/\/graphql$/, "/metrics"), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await response.text();
    const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? NaN) / 2 ** 20;
    return {
      heapUsed: metric("nodejs_heap_size_used_bytes"),
      heapTotal: metric("nodejs_heap_size_total_bytes"),
      external: metric("nodejs_external_memory_bytes"),
    };
  } catch {
    return null;
  }
}

interface Row {
  variant: string;
  query: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakHeapTotalMb: number;
  peakExternalMb: number;
}

const round = (x: number) => Math.round(x);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  buildServers();
  const bench = await benchDatabase("memory");
  const { database, config } = bench;
  try {
    if ((await database.db.region.count()) === 0) await seedDatabase(database.db);
    const keys = { ANALYST: [] as string[], PARTNER: [] as string[] };
    for (const role of ["ANALYST", "PARTNER"] as const) {
      for (let i = 0; i < options.connections; i++)
        keys[role].push((await createKey(database.db, { role, label: `memory bench ${i}`, actor: "bench" })).key);
    }
    const queries = WORKLOAD.filter((q) => options.queries.includes(q.id) && !q.variables) as WorkloadQuery[];
    const skipped = options.queries.filter((id) => !queries.some((q) => q.id === id));
    if (skipped.length > 0) console.log(`skipped (their variables need set-up this bench does not do): ${skipped.join(", ")}`);

    const rows: Row[] = [];
    const totals: { variant: string; atRest: number; peak: number; after: number }[] = [];
    for (const variant of options.variants) {
      const { NODE_FLAGS: flags, ...env } = variant.env;
      const nodeFlags = flags === undefined ? nodeFlagsOfStart() : flags.split(/\s+/).filter(Boolean);
      const api = await startApi(config.url, keys.ANALYST[0]!, false, { extraEnv: { METRICS_TOKEN, ...env }, nodeFlags });
      try {
        await sleep(1000);
        const atRest = rssMb(api.pid);
        let peak = atRest;
        for (const q of queries) {
          let heap = { heapUsed: 0, heapTotal: 0, external: 0 };
          let sampling = true;
          const sampler = (async () => {
            while (sampling) {
              const m = await v8Memory(api.url);
              if (m)
                heap = {
                  heapUsed: Math.max(heap.heapUsed, m.heapUsed),
                  heapTotal: Math.max(heap.heapTotal, m.heapTotal),
                  external: Math.max(heap.external, m.external),
                };
              await sleep(500);
            }
          })();
          const load = await loadTest(
            {
              pids: [api.pid],
              urls: [api.url],
              body: JSON.stringify({ query: q.query }),
              headersOf: (c) => ({ authorization: `Bearer ${keys[q.role][c % keys[q.role].length]}` }),
            },
            options.connections,
            options.durationS,
            1_000_000,
          );
          sampling = false;
          await sampler;
          peak = Math.max(peak, load.peakRssMb);
          const row: Row = {
            variant: variant.name,
            query: q.id,
            requestsPerSecond: load.requestsPerSecond,
            p50Ms: load.p50Ms,
            p99Ms: load.p99Ms,
            failed: load.failed,
            peakRssMb: load.peakRssMb,
            peakHeapUsedMb: round(heap.heapUsed),
            peakHeapTotalMb: round(heap.heapTotal),
            peakExternalMb: round(heap.external),
          };
          rows.push(row);
          console.log(JSON.stringify(row));
        }
        await sleep(2000);
        totals.push({ variant: variant.name, atRest, peak, after: rssMb(api.pid) });
      } finally {
        await api.stop();
      }
    }
    console.log(`\n${options.connections} connections, ${options.durationS} s a query; ${config.kind}\n`);
    console.log("| variant | query | req/s | p50 ms | p99 ms | failed | peak RSS MB | peak heap used / reserved MB | peak external MB |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const r of rows)
      console.log(
        `| ${r.variant} | ${r.query} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.failed} | ${r.peakRssMb} | ${r.peakHeapUsedMb} / ${r.peakHeapTotalMb} | ${r.peakExternalMb} |`,
      );
    console.log("\n| variant | settings | RSS at rest MB | peak under load MB | after load MB |\n|---|---|---|---|---|");
    for (const t of totals) {
      const env = options.variants.find((v) => v.name === t.variant)!.env;
      const settings =
        Object.entries(env)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ") || "(defaults)";
      console.log(`| ${t.variant} | ${settings} | ${t.atRest} | ${t.peak} | ${t.after} |`);
    }
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
