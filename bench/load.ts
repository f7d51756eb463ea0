// Throughput of one query at a number of connections, with autocannon, against a server in its own process (or
// several, each serving the same database: autocannon deals the connections round-robin across their URLs):
// requests per second, latency under load, the servers' CPU time per request and the largest one's peak
// resident memory. Bounded in time (`durationS`) and count (`maxRequests`), whichever comes first.
import autocannon from "autocannon";
import { cpuMs, rssMb } from "./processes";

export interface LoadTarget {
  /** The server processes and their URLs, in the same order; connections go to them in turn. */
  pids: number[];
  urls: string[];
  /** The request body, and the headers of each connection (one API key per connection, under its limit). */
  body?: string;
  headersOf: (connection: number) => Record<string, string>;
}

export interface LoadResult {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 200, and connection errors or timeouts: a healthy run has none. */
  failed: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
}

export async function loadTest(target: LoadTarget, connections: number, durationS: number, maxRequests: number): Promise<LoadResult> {
  let next = 0;
  const rss = () => Math.max(...target.pids.map(rssMb));
  const cpu = () => target.pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  let peakRssMb = rss();
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rss())), 100);
  const cpuBefore = cpu();
  const result = await autocannon({
    // More than one URL is allowed (autocannon's README: connections are spread across them); its types say string.
    url: (target.urls.length === 1 ? target.urls[0]! : target.urls) as string,
    method: "POST",
    body: target.body,
    connections,
    duration: durationS,
    maxOverallRequests: maxRequests,
    timeout: 30,
    headers: { "content-type": "application/json" },
    setupClient: (client) => client.setHeaders({ "content-type": "application/json", ...target.headersOf(next++) }),
  });
  const used = cpu() - cpuBefore;
  clearInterval(sampler);
  peakRssMb = Math.max(peakRssMb, rss());
  const ok = result["2xx"];
  return {
    connections,
    requests: ok,
    requestsPerSecond: round(ok / (result.duration || durationS)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.non2xx + result.errors,
    cpuMsPerRequest: ok > 0 ? round(used / ok, 2) : 0,
    peakRssMb,
  };
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
