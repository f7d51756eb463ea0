// `npm start`: migrate the configured database and serve http://localhost:PORT/graphql. In development an empty
// database is seeded (only the default one gets its folder created); production never seeds; see planStart in
// startup.ts.
//
// The seed, which only a development start on an empty database runs, is imported when it is needed: every module
// loaded here is time before the first answer (docs/architecture.md, "Start-up").
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type Config, loadConfig } from "./config";
import { type Database, openDatabase } from "./db";
import { createKey } from "./domain/keys";
import { createLogger } from "./logger";
import { auditLogRoleWarning, migrate } from "./migrate";
import { type RunningServer, startServer } from "./http/server";
import { describeStartupError, emptyDatabase, planStart } from "./startup";

async function main(): Promise<void> {
  let config: Config | undefined;
  let database: Database | undefined;
  let server: RunningServer | undefined;
  try {
    config = loadConfig();
    const logger = createLogger(config.logLevel, undefined, { format: config.logFormat ?? (process.stderr.isTTY ? "pretty" : "json") });
    const plan = planStart(config);
    if (plan.create && config.database.file) fs.mkdirSync(path.dirname(config.database.file), { recursive: true });
    const applied = await migrate(config.database);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
    database = openDatabase(config.database);
    const roleWarning = await auditLogRoleWarning(database);
    if (roleWarning) console.warn(roleWarning);
    const db = database.db;
    if ((await db.region.count()) === 0) {
      if (!plan.seedWhenEmpty) throw emptyDatabase(config);
      const { seedDatabase } = await import("./seed");
      const summary = await seedDatabase(db);
      const shown = path.relative(process.cwd(), config.database.file ?? "") || config.database.url;
      console.log(
        `Seeded the empty database ${shown} with the synthetic national dataset (${summary.incidents} incidents, ${summary.reviews} reviews): development only; NODE_ENV=production never seeds.`,
      );
    }
    if (plan.localKey && (await db.apiKey.count()) === 0) {
      const created = await createKey(db, { role: "ANALYST", label: "local development (created by npm start)", actor: "npm start" });
      console.log("First start: an ANALYST key for local use (shown once; `npm run key -- create` makes more):");
      console.log(`  Authorization: Bearer ${created.key}`);
    }
    server = await startServer({
      database,
      port: config.port,
      host: config.host,
      logger,
      keepAliveTimeoutMs: config.http.keepAliveTimeoutMs,
      metricsToken: config.metricsToken,
      cors: config.cors,
      admission: config.admission,
    });
    // From the process's start (performance's time origin), so loading the code counts: the figure is the cold start.
    console.log(`SCR Atlas is serving ${server.url} (${database.kind}; ready in ${Math.round(performance.now())} ms)`);
  } catch (error) {
    console.error(describeStartupError(error, config, config?.port));
    await database?.close().catch(() => undefined);
    process.exit(1);
  }

  // SIGTERM or SIGINT: stop accepting, let running requests finish within the grace period, close the database,
  // exit 0 (1 if a request had to be cut). A repeated signal is ignored: npm forwards the signal it receives to
  // this process, and Ctrl-C in a terminal reaches both, so one stop often arrives twice.
  const grace = config.http.shutdownGraceMs;
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Stopped accepting before the line is out, so whoever reads it finds the port closed.
    const stopped = server?.stop(grace);
    console.log(`${signal}: stopping (running requests have ${grace / 1000} s to finish)`);
    let code = 0;
    try {
      const { cut } = (await stopped) ?? { cut: 0 };
      if (cut > 0) {
        console.error(`${cut} request(s) still running after ${grace / 1000} s were cut`);
        code = 1;
      }
    } catch (error) {
      console.error(`Stopping the server failed: ${(error as Error).message}`);
      code = 1;
    }
    await database?.close().catch(() => undefined);
    console.log("Stopped");
    process.exit(code);
  };
  process.on("SIGINT", (signal) => void shutdown(signal));
  process.on("SIGTERM", (signal) => void shutdown(signal));
}

void main();
