// Writes a new migration for both providers from the change in prisma/models since the last migration.
//
//   npm run db:migration -- <name>
//   npm run db:migration -- <name> --empty     an empty migration for both providers, for SQL alone
//
// The models as they stood at the last migration are kept in prisma/migrated-models (written only by this
// script); the migration is the database-free `prisma migrate diff` from those to the current models, once per
// provider. `npm run check` fails while the models and migrated-models differ (a model change with no
// migration). Hand-written SQL that Prisma cannot express (checks, triggers) may be appended to the new
// migration.sql files before they are committed; `--empty` starts such a migration when no model changed (the
// same name in both providers, so they stay in step).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const providers = ["sqlite", "postgresql"] as const;
type Provider = (typeof providers)[number];

function prismaBin(): string {
  return path.join(root, "node_modules", ".bin", "prisma");
}

/** A temporary schema folder: the provider's datasource and the given model files. */
export function schemaFolder(provider: Provider, modelsDir: string | null): string | null {
  if (modelsDir === null || !fs.existsSync(modelsDir)) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `scr-atlas-${provider}-`));
  const header = fs.readFileSync(path.join(root, "prisma", provider, "schema.prisma"), "utf8");
  // Only the datasource matters for a diff; generators would try to resolve their outputs.
  const datasource = header.match(/datasource db \{[^}]*\}/)?.[0];
  if (!datasource) throw new Error(`no datasource block in prisma/${provider}/schema.prisma`);
  fs.writeFileSync(path.join(dir, "schema.prisma"), datasource + "\n");
  for (const file of fs.readdirSync(modelsDir)) {
    if (file.endsWith(".prisma")) fs.copyFileSync(path.join(modelsDir, file), path.join(dir, file));
  }
  return dir;
}

/** `prisma migrate diff` from one models folder to another, as SQL (empty when nothing changed). */
export function diff(provider: Provider, fromModels: string | null, toModels: string): string {
  const from = schemaFolder(provider, fromModels);
  const to = schemaFolder(provider, toModels);
  if (to === null) throw new Error(`no models at ${toModels}`);
  const args = ["migrate", "diff", "--config", path.join(root, "prisma", `${provider}.config.ts`)];
  args.push(...(from === null ? ["--from-empty"] : ["--from-schema-datamodel", from]));
  args.push("--to-schema-datamodel", to, "--script");
  const sql = execFileSync(prismaBin(), args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return sql.includes("This is an empty migration") ? "" : sql;
}

function main(): void {
  const [name, flag] = process.argv.slice(2);
  if (!name || !/^[a-z0-9_]+$/.test(name) || (flag !== undefined && flag !== "--empty")) {
    console.error("usage: npm run db:migration -- <name> [--empty]   (name: lower-case letters, digits and _)");
    process.exit(2);
  }
  const models = path.join(root, "prisma", "models");
  const migrated = path.join(root, "prisma", "migrated-models");
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  if (flag === "--empty") {
    if (diff("sqlite", fs.existsSync(migrated) ? migrated : null, models).trim() !== "") {
      console.error("the models have changed since the last migration: write that migration first (without --empty)");
      process.exit(1);
    }
    for (const provider of providers) {
      const dir = path.join(root, "prisma", provider, "migrations", `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), `-- ${name}: SQL that Prisma's models cannot express (${provider}).\n`);
      console.log(`wrote ${path.relative(root, dir)}/migration.sql (empty: add the SQL)`);
    }
    return;
  }
  let wrote = 0;
  for (const provider of providers) {
    const sql = diff(provider, fs.existsSync(migrated) ? migrated : null, models);
    if (sql.trim() === "") continue;
    const dir = path.join(root, "prisma", provider, "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
    wrote++;
  }
  if (wrote === 0) {
    console.log("the models have not changed since the last migration; nothing written");
    return;
  }
  fs.rmSync(migrated, { recursive: true, force: true });
  fs.cpSync(models, migrated, { recursive: true });
  for (const provider of providers) {
    const lock = path.join(root, "prisma", provider, "migrations", "migration_lock.toml");
    fs.writeFileSync(lock, `# Written by scripts/new-migration.ts; do not edit.\nprovider = "${provider}"\n`);
  }
}

if (require.main === module) main();
