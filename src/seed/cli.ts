// `npm run seed`: migrates the configured database (DATABASE_URL, default the SQLite file under data/) and
// replaces its domain data with the synthetic seed dataset. API keys and the audit log are kept.
// `--scale N` writes N copies of the case records (src/seed/scale.ts) for growth benchmarks; the published
// anchor figures hold at scale 1 only.
import { loadConfig } from "../config";
import { type Database, openDatabase } from "../db";
import { migrate } from "../migrate";
import { prepareSeedTarget, StartupRefusal } from "../startup";
import { MAX_SCALE, seedDatabase } from "./index";

/** `--scale N` (or `--scale=N`); 1 when absent. */
function scaleArg(argv: readonly string[]): number {
  const at = argv.findIndex((a) => a === "--scale" || a.startsWith("--scale="));
  if (at === -1) {
    const unknown = argv.find((a) => a.startsWith("-"));
    if (unknown) throw new StartupRefusal(`npm run seed: unknown option '${unknown}'; the only option is --scale N (1 to ${MAX_SCALE})`);
    return 1;
  }
  const raw = argv[at]!.includes("=") ? argv[at]!.slice("--scale=".length) : argv[at + 1];
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < 1 || n > MAX_SCALE) {
    throw new StartupRefusal(`npm run seed: --scale takes a whole number from 1 to ${MAX_SCALE}, not '${raw ?? ""}'`);
  }
  return n;
}

async function main(): Promise<void> {
  let database: Database | undefined;
  try {
    const scale = scaleArg(process.argv.slice(2));
    const config = loadConfig();
    const started = Date.now();
    prepareSeedTarget(config);
    await migrate(config.database);
    database = openDatabase(config.database);
    const summary = await seedDatabase(database.db, {
      scale,
      log: config.logLevel === "debug" ? (line) => console.log(line) : undefined,
    });
    const counts = Object.entries(summary)
      .map(([table, n]) => `${n} ${table}`)
      .join(", ");
    const scaled = scale === 1 ? "" : ` at scale ${scale} (the published anchor figures hold at scale 1 only)`;
    console.log(`Seeded the synthetic dataset${scaled} into ${config.database.kind} in ${Date.now() - started} ms: ${counts}.`);
    await database.close();
    process.exit(0);
  } catch (error) {
    if (error instanceof StartupRefusal) console.error(error.message);
    else console.error(`Seeding failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    await database?.close().catch(() => undefined);
    process.exit(1);
  }
}

void main();
