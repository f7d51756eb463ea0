// `npm run db:migrate`: applies the pending migrations to the configured database and exits. On PostgreSQL with
// DATABASE_OWNER_URL, the owner applies them and grants the role of DATABASE_URL its share, so a deployment can
// migrate with the owner's credentials once and run the server with DATABASE_URL alone.
import { loadConfig } from "../config";
import { migrate } from "../migrate";
import { describeStartupError } from "../startup";

async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await migrate(config.database);
  console.log(applied.length > 0 ? `Applied migrations: ${applied.join(", ")}` : "The database is up to date.");
  if (config.database.ownerUrl) console.log(`Granted ${new URL(config.database.url).username} the server's share.`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(describeStartupError(error));
    process.exit(1);
  },
);
