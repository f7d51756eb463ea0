// Writes a generated dataset: deletes the domain data (never API keys or the audit log), then inserts every
// table in foreign-key order with multi-row INSERTs, and every record's creation in the audit log (history.ts),
// all in one transaction so readers never see half a dataset and a failure leaves the old data in place.
import type { Db } from "../db";
import type { Dataset, SeedSummary } from "./dataset";
import { summarize } from "./dataset";
import { writeSeedHistory } from "./history";
import { writeSeedStatements } from "./release";

/** Bound values per INSERT: under SQLite's limit of 32,766 and PostgreSQL's of 65,535. */
const VALUES_PER_STATEMENT = 30_000;
const TRANSACTION_TIMEOUT_MS = 120_000;
/** A scaled dataset (scale.ts) may take longer: allow 2 ms a row beyond the base timeout. */
const TIMEOUT_MS_PER_ROW = 2;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Tables in insertion order (parents first): the dataset's key and the SQL table. */
const TABLES: readonly { key: keyof Dataset; table: string }[] = [
  { key: "regions", table: "Region" },
  { key: "boards", table: "Board" },
  { key: "localAuthorities", table: "LocalAuthority" },
  { key: "boardCoverage", table: "BoardCoverage" },
  { key: "childPopulations", table: "ChildPopulation" },
  { key: "authors", table: "Author" },
  { key: "competencies", table: "Competency" },
  { key: "reviews", table: "Review" },
  { key: "incidents", table: "Incident" },
  { key: "reviewAgencies", table: "ReviewAgency" },
  { key: "authorships", table: "Authorship" },
  { key: "evaluations", table: "Evaluation" },
  { key: "findings", table: "Finding" },
];

/**
 * Inserts rows with multi-row INSERTs of as many rows as the bound values allow. Plain SQL rather than
 * createMany: at scale 10 (scale.ts) createMany took a minute for 100,000 rows, most of it Prisma's own work per
 * call. The rows' keys are the models' field names, which are the column names (no @map in the models).
 */
async function insertRows(tx: Tx, table: string, rows: readonly Record<string, unknown>[], postgres: boolean): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
  const names = columns.map((c) => `"${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const marks = columns.map((c) => {
        const value = row[c];
        // better-sqlite3 binds no booleans; SQLite stores them as 0 and 1, as Prisma does.
        values.push(!postgres && typeof value === "boolean" ? Number(value) : value);
        return postgres ? `$${values.length}` : "?";
      });
      return `(${marks.join(", ")})`;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(", ")}`, ...values);
  }
}

/** The client's provider. Db is typed as the SQLite client, but a PostgreSQL client is presented under it. */
function providerOf(db: Db): string {
  return (db as unknown as { _activeProvider?: string })._activeProvider ?? "sqlite";
}

export async function insertDataset(db: Db, dataset: Dataset, log: (line: string) => void = () => undefined): Promise<SeedSummary> {
  const postgres = providerOf(db) === "postgresql";
  const rows = Object.values(dataset).reduce((n, table: unknown[]) => n + table.length, 0);
  await db.$transaction(
    async (tx) => {
      // Children before parents.
      let started = Date.now();
      for (const t of [...TABLES].reverse()) await tx.$executeRawUnsafe(`DELETE FROM "${t.table}"`);
      log(`seed: cleared in ${Date.now() - started} ms`);
      for (const t of TABLES) {
        started = Date.now();
        const rows = dataset[t.key] as unknown as Record<string, unknown>[];
        await insertRows(tx, t.table, rows, postgres);
        log(`seed: ${t.table} ${rows.length} in ${Date.now() - started} ms`);
        // The rows carry explicit ids, which do not move PostgreSQL's sequences: move them past the ids used,
        // so rows created later through the API get fresh ones. (SQLite's AUTOINCREMENT follows by itself.)
        if (postgres) {
          await tx.$executeRawUnsafe(
            `SELECT setval(pg_get_serial_sequence('"${t.table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${t.table}"), 0) + 1, false)`,
          );
        }
      }
      // Every record's creation in its history, in this same transaction. The audit log is never cleared, so a
      // record's history starts at its newest creation (history.ts reads it so).
      started = Date.now();
      const events = await writeSeedHistory(tx as never, dataset, new Date(), postgres);
      log(`seed: history ${events} in ${Date.now() - started} ms`);
      await writeSeedStatements(tx);
      log("seed: coverage and the release of published anchors");
    },
    { timeout: TRANSACTION_TIMEOUT_MS + rows * TIMEOUT_MS_PER_ROW, maxWait: 10_000 },
  );
  return summarize(dataset);
}
