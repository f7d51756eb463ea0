// The hand-written baselines behind a bare HTTP server, in a process of their own, so they are measured as the
// API is: over HTTP, for throughput, CPU and memory. POST /<query id> answers { "data": … } as the API would.
// Run by bench/processes.ts (bundled to plain JavaScript): node baseline-server.js <dialect> <url> <input.json> <port>
import fs from "node:fs";
import http from "node:http";
import { BASELINES, type BaselineInput, type WorkloadId } from "./baselines";
import { type Dialect, openSqlClient } from "./sql-client";

const [dialect, url, inputFile, port] = process.argv.slice(2) as [Dialect, string, string, string];
const input = JSON.parse(fs.readFileSync(inputFile, "utf8")) as BaselineInput;
const sql = openSqlClient(dialect, url);

const server = http.createServer((req, res) => {
  const id = (req.url ?? "").slice(1) as WorkloadId;
  req.resume();
  req.on("end", () => {
    const baseline = BASELINES[id];
    if (!baseline) {
      res.writeHead(404).end();
      return;
    }
    baseline(sql, input).then(
      (data) => {
        const body = JSON.stringify({ data });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
      },
      (error: unknown) => {
        console.error(error);
        res.writeHead(500).end();
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close(() => void sql.close().then(() => process.exit(0)));
  server.closeAllConnections();
});
