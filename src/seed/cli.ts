// `npm run seed`: migrates the configured database (DATABASE_URL, default the SQLite file under data/) and
// replaces its domain data with the synthetic seed dataset. API keys and the audit log are kept.
import { loadConfig } from "../config";
import { type Database, openDatabase } from "../db";
import { migrate } from "../migrate";
import { prepareSeedTarget, StartupRefusal } from "../startup";
import { seedDatabase } from "./index";

async function main(): Promise<void> {
  let database: Database | undefined;
  try {
    const config = loadConfig();
    const started = Date.now();
    prepareSeedTarget(config);
    await migrate(config.database);
    database = openDatabase(config.database);
    const summary = await seedDatabase(database.db, {
      log: config.logLevel === "debug" ? (line) => console.log(line) : undefined,
    });
    const counts = Object.entries(summary)
      .map(([table, n]) => `${n} ${table}`)
      .join(", ");
    console.log(`Seeded the synthetic dataset into ${config.database.kind} in ${Date.now() - started} ms: ${counts}.`);
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
