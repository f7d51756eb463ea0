// API keys from the command line, on the configured database (DATABASE_URL):
//
//   npm run key -- create --role ROLE --label TEXT [--expires YYYY-MM-DD] [--registered-only]
//                                                                            prints the new key alone on the last line;
//                                                                            --registered-only: it runs only the operations
//                                                                            of the trusted-documents manifest
//   npm run key -- list                                                      every key, newest first; never a secret
//   npm run key -- revoke --prefix PREFIX                                    the key scr_<PREFIX>_… stops working at once
//
// Every create and revoke is recorded in the audit log, with "cli" as the actor.
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase, type Db } from "../db";
import { createKey, KeyInputError, listKeys, revokeKey } from "../domain/keys";
import { ROLES } from "../domain/roles";
import { migrate } from "../migrate";
import { describeStartupError, requireExistingDatabase } from "../startup";
import { isIsoDate } from "../domain/dates";
import type { Role } from "../generated/sqlite/enums";

const USAGE = [
  `usage: npm run key -- create --role ${ROLES.join("|")} --label TEXT [--expires YYYY-MM-DD] [--registered-only]`,
  "       npm run key -- list",
  "       npm run key -- revoke --prefix PREFIX",
].join("\n");

/** An error in the command line itself: printed with the usage, exit status 2. */
class UsageError extends Error {}

type Command = (db: Db, values: { role?: string; label?: string; expires?: string; prefix?: string; "registered-only"?: boolean }) => Promise<number>;

const create: Command = async (db, values) => {
  const role = values.role?.toUpperCase();
  if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  if (!values.label?.trim()) throw new UsageError("--label is required: say who or what the key is for");
  if (values.expires !== undefined && !isIsoDate(values.expires)) throw new UsageError("--expires must be a date written YYYY-MM-DD");
  try {
    const created = await createKey(db, {
      role: role as Role,
      label: values.label,
      expiresAt: values.expires ? new Date(`${values.expires}T00:00:00Z`) : null,
      registeredOnly: values["registered-only"] ?? false,
      actor: "cli",
    });
    const expiry = created.expiresAt ? `, expires ${created.expiresAt.toISOString().slice(0, 10)}` : "";
    const registered = created.registeredOnly ? ", registered operations only" : "";
    console.log(`Created ${created.role} key ${created.prefix} (${created.label}${expiry}${registered}). It is shown once; store it now:`);
    console.log(created.key);
    return 0;
  } catch (error) {
    if (error instanceof KeyInputError) throw new UsageError(`--${error.field === "expiresAt" ? "expires" : error.field}: ${error.message}`);
    throw error;
  }
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "-");

const list: Command = async (db) => {
  const keys = await listKeys(db);
  if (keys.length === 0) {
    console.log('No keys. Create one with: npm run key -- create --role ANALYST --label "who it is for"');
    return 0;
  }
  const now = new Date();
  const rows = keys.map((k) => [
    k.prefix,
    k.role,
    k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt <= now ? "expired" : "active",
    k.registeredOnly ? "registered" : "all",
    day(k.createdAt),
    day(k.lastUsedAt),
    day(k.expiresAt),
    k.label,
  ]);
  const header = ["PREFIX", "ROLE", "STATUS", "OPERATIONS", "CREATED", "LAST USED", "EXPIRES", "LABEL"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
  return 0;
};

const revoke: Command = async (db, values) => {
  const prefix = values.prefix?.replace(/^scr_/, "").split("_")[0];
  if (!prefix) throw new UsageError("--prefix is required: the part after scr_ (as `npm run key -- list` shows it)");
  const result = await revokeKey(db, { prefix }, "cli");
  if (result.ok) {
    console.log(`Revoked ${result.key.role} key ${result.key.prefix} (${result.key.label}); requests with it now get 401.`);
    return 0;
  }
  if (result.reason === "NOT_FOUND") {
    console.error(`No key has the prefix ${prefix}; \`npm run key -- list\` shows them.`);
    return 1;
  }
  console.error(`Key ${prefix} was already revoked at ${result.key.revokedAt!.toISOString()}; nothing changed.`);
  return 1;
};

const COMMANDS: Record<string, Command> = { create, list, revoke };

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        role: { type: "string" },
        label: { type: "string" },
        expires: { type: "string" },
        prefix: { type: "string" },
        "registered-only": { type: "boolean" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const command = COMMANDS[parsed.positionals[0] ?? ""];
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  requireExistingDatabase(config);
  await migrate(config.database);
  const database = openDatabase(config.database);
  try {
    return await command(database.db, parsed.values);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
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
