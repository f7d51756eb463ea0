// The markdown beside each results file: per query, the API's figures and their ratio to the baseline's, with
// issue 10's goals; and, across scales, how each query grew with the data.
import type { RunResult } from "./run";

/** Issue 10's goals, as ratios to the baseline (latency at most, throughput at least) and absolute bounds. */
export const GOALS = { p50: 1.5, p99: 2, throughputAt10: 0.5, cpuMsPerRequest: 3, rssMb: 200, coldStartMs: 1000 };

const ratio = (api: number, baseline: number) => (baseline > 0 ? Math.round((api / baseline) * 10) / 10 : Infinity);
const mark = (ok: boolean) => (ok ? "" : " ✗");

export function markdownReport(r: RunResult): string {
  const m = r.machine;
  const lines = [
    `# Bench: ${r.database}, scale ${r.scale}, ${r.measuredAt.slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB; ${m.os}; Node ${m.node}; ${m.database}. ` +
      `Load average (1 min) ${m.loadAverage.start} at the start, ${m.loadAverage.end ?? "?"} at the end` +
      (m.loadAverage.start > m.cores ? ": the machine was shared with other work, so absolute times are inflated; compare ratios." : "."),
    "",
    `Dataset: the seed at scale ${r.scale} (${r.seed.rows.toLocaleString("en-GB")} rows, seeded in ${r.seed.seconds} s). ` +
      `Latency: ${r.settings.rounds} sequential requests after 5 warm-up ones. Load: autocannon for ${r.settings.durationS} s (at most ${r.settings.maxRequests} requests) per query and connection count.`,
    "",
    "Ratios are the API's figure over the baseline's (hand-written SQL giving the same JSON: bench/baselines.ts). " +
      `Goals (issue 10): p50 ≤ ${GOALS.p50}×, p99 ≤ ${GOALS.p99}×, throughput at 10 connections ≥ ${GOALS.throughputAt10}×, ` +
      `CPU ≤ ${GOALS.cpuMsPerRequest} ms a request for lists, one statement for lists with nested relations, RSS < ${GOALS.rssMb} MB, cold start < ${GOALS.coldStartMs / 1000} s. ✗ marks a miss.`,
    "",
    "| query | kind | statements (API / baseline) | in-process p50 ms (ratio) | in-process p99 ms (ratio) | HTTP p50 ms (ratio) | HTTP p99 ms (ratio) | req/s at 1 / 10 / 50 (ratio) | server CPU ms/request, sequential; at 10 connections (baseline's) |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const q of r.queries) {
    const { statements: counted, inProcess } = q;
    if (!counted || !inProcess) {
      lines.push(`| ${q.id}: ${q.title} | ${q.kind} | not measured: ${q.error ?? "?"} | | | | | | |`);
      continue;
    }
    const lat = (a: number, b: number, goal: number) => `${a} (${ratio(a, b)}×${mark(ratio(a, b) <= goal)})`;
    const at = (n: number) => q.load?.find((l) => l.connections === n);
    const rps = (q.load ?? [])
      .map((l) => {
        const x = ratio(l.api.requestsPerSecond, l.baseline.requestsPerSecond);
        return `${l.api.requestsPerSecond} (${x}×${l.connections === 10 ? mark(x >= GOALS.throughputAt10) : ""})`;
      })
      .join(" / ");
    const ten = at(10);
    const seq = q.cpuMsPerRequest;
    const cpu = seq
      ? `${seq.api}${q.kind === "page" ? mark(seq.api <= GOALS.cpuMsPerRequest) : ""} (${seq.baseline})` +
        (ten ? `; at 10: ${ten.api.cpuMsPerRequest} (${ten.baseline.cpuMsPerRequest})` : "")
      : "";
    const statements = `${counted.api}${q.kind === "page" ? mark(counted.api <= 1) : ""} / ${counted.baseline}`;
    lines.push(
      `| ${q.id}: ${q.title} | ${q.kind} | ${statements} | ${lat(inProcess.api.p50Ms, inProcess.baseline.p50Ms, GOALS.p50)} | ${lat(inProcess.api.p99Ms, inProcess.baseline.p99Ms, GOALS.p99)} | ` +
        `${q.http ? lat(q.http.api.p50Ms, q.http.baseline.p50Ms, GOALS.p50) : ""} | ${q.http ? lat(q.http.api.p99Ms, q.http.baseline.p99Ms, GOALS.p99) : ""} | ${rps} | ${cpu} |`,
    );
  }
  const failed = r.queries.flatMap((q) =>
    (q.load ?? [])
      .filter((l) => l.api.failed + l.baseline.failed > 0)
      .map((l) => `${q.id} at ${l.connections}: API ${l.api.failed}, baseline ${l.baseline.failed}`),
  );
  if (failed.length > 0) lines.push("", `Requests that failed under load (not 200, or connection errors): ${failed.join("; ")}.`);
  const few = r.queries.flatMap((q) =>
    (q.load ?? []).filter((l) => l.api.requests < 20).map((l) => `${q.id} at ${l.connections} (${l.api.requests})`),
  );
  if (few.length > 0) {
    lines.push(
      "",
      `Load runs in which the API answered fewer than 20 requests within the run's time (a request still running when it ended is not counted, but its CPU is): ${few.join(", ")}. ` +
        "Their requests per second and CPU per request are rough; the sequential CPU figure is the one to read.",
    );
  }
  const scaled = r.queries.filter((q) => q.scaleOut);
  if (scaled.length > 0) {
    const n = scaled[0]!.scaleOut!.connections;
    lines.push(
      "",
      `Scale-out: the API's throughput at ${n} connections with one server process and with two serving the same database ` +
        `(autocannon spreading the connections across both; the database and the load generator share the same ${m.cores} cores).`,
      "",
      "| query | req/s, 1 process | req/s, 2 processes (ratio) | p50 ms, 1 / 2 processes | server CPU ms/request, 1 / 2 processes |",
      "|---|---|---|---|---|",
    );
    for (const q of scaled) {
      const { one, two } = q.scaleOut!;
      lines.push(
        `| ${q.id} | ${one.requestsPerSecond} | ${two.requestsPerSecond} (${one.requestsPerSecond > 0 ? `${ratio(two.requestsPerSecond, one.requestsPerSecond)}×` : "no ratio"}) | ${one.p50Ms} / ${two.p50Ms} | ${one.cpuMsPerRequest} / ${two.cpuMsPerRequest} |`,
      );
    }
  }
  if (r.coldStartMs && r.memoryMb) {
    const api = r.memoryMb.api;
    const base = r.memoryMb.baseline;
    lines.push(
      "",
      "| server process | cold start (spawn to first answer, median of 3) | RSS at rest | RSS peak under load | RSS after load |",
      "|---|---|---|---|---|",
      `| API (\`node dist/main.js\`) | ${Math.round(r.coldStartMs.api)} ms${mark(r.coldStartMs.api < GOALS.coldStartMs)} | ${api.atRest} MB | ${api.peakUnderLoad} MB${mark(api.peakUnderLoad < GOALS.rssMb)} | ${api.afterLoad} MB |`,
      `| baseline (bench/baseline-server.ts) | ${Math.round(r.coldStartMs.baseline)} ms | ${base.atRest} MB | ${base.peakUnderLoad} MB | ${base.afterLoad} MB |`,
    );
    if (r.npmStart) {
      const npm = r.npmStart;
      lines.push(
        `| \`npm start\` (prestart check, npm, then the server; once) | ${Math.round(npm.coldStartMs)} ms | ${npm.treeRssAtRestMb} MB (npm ${npm.treeRssAtRestMb - npm.serverRssAtRestMb} MB + server ${npm.serverRssAtRestMb} MB) | | |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

/** How each query's figures grew from the smallest scale to the others: flat for pages, at most linear for aggregates. */
export function growthTable(runs: readonly RunResult[]): string {
  const first = runs[0]!;
  const scales = runs.map((r) => r.scale);
  const lines = [
    `# Growth: ${first.database}, scales ${scales.join(", ")}`,
    "",
    `In-process p50 latency of the API (ms) at each scale, and its growth over scale ${first.scale} beside the data's. ` +
      "A page query should stay flat; an aggregate should grow no faster than the data. Seed times and the API's memory are below.",
    "",
    `| query | kind | ${scales.map((s) => `p50 at ×${s}`).join(" | ")} | ${scales
      .slice(1)
      .map((s) => `growth ×${s / first.scale} data`)
      .join(" | ")} |`,
    `|---|---|${scales.map(() => "---").join("|")}|${scales
      .slice(1)
      .map(() => "---")
      .join("|")}|`,
  ];
  for (const q of first.queries) {
    const p50s = runs.map((r) => r.queries.find((x) => x.id === q.id)?.inProcess?.api.p50Ms ?? null);
    const shown = p50s.map((p) => (p === null ? "not measured" : String(p)));
    const growth = p50s.slice(1).map((p) => (p === null || p50s[0] === null ? "" : `${ratio(p, p50s[0]!)}×`));
    lines.push(`| ${q.id} | ${q.kind} | ${shown.join(" | ")} | ${growth.join(" | ")} |`);
  }
  lines.push("", "| scale | rows | seed seconds | API RSS at rest | API RSS peak under load | API cold start |", "|---|---|---|---|---|---|");
  for (const r of runs) {
    lines.push(
      `| ${r.scale} | ${r.seed.rows.toLocaleString("en-GB")} | ${r.seed.seconds} | ${r.memoryMb?.api.atRest ?? ""} MB | ${r.memoryMb?.api.peakUnderLoad ?? ""} MB | ${r.coldStartMs ? Math.round(r.coldStartMs.api) : ""} ms |`,
    );
  }
  return lines.join("\n") + "\n";
}
