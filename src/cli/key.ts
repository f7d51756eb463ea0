// `npm run key -- create --role ROLE --label TEXT [--expires YYYY-MM-DD]`: prints the new key alone on the
// last line. (list and revoke come with the access-control work.)
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../db";
import { createKey, ROLES } from "../domain/keys";
import { migrate } from "../migrate";
import { describeStartupError } from "../startup";
import { isIsoDate } from "../domain/dates";
import type { Role } from "../generated/sqlite/enums";

const USAGE = `usage: npm run key -- create --role ${ROLES.join("|")} --label TEXT [--expires YYYY-MM-DD]`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: "string" }, label: { type: "string" }, expires: { type: "string" } },
  });
  if (positionals[0] !== "create") {
    console.error(USAGE);
    return 2;
  }
  const role = values.role?.toUpperCase();
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    console.error(`--role must be one of ${ROLES.join(", ")}\n${USAGE}`);
    return 2;
  }
  if (!values.label?.trim()) {
    console.error(`--label is required: say who or what the key is for\n${USAGE}`);
    return 2;
  }
  if (values.expires !== undefined && !isIsoDate(values.expires)) {
    console.error(`--expires must be a date written YYYY-MM-DD\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  await migrate(config.database);
  const database = openDatabase(config.database);
  try {
    const created = await createKey(database.db, {
      role: role as Role,
      label: values.label,
      expiresAt: values.expires ? new Date(`${values.expires}T00:00:00Z`) : null,
      actor: "cli",
    });
    console.log(`Created ${created.role} key ${created.prefix} (${created.label}). It is shown once; store it now:`);
    console.log(created.key);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(describeStartupError(error));
    process.exit(1);
  },
);
