// Writes a generated dataset: deletes the domain data (never API keys or the audit log), then inserts every
// table in foreign-key order with createMany in batches, all in one transaction so readers never see half a
// dataset and a failure leaves the old data in place.
import type { Db } from "../db";
import type { Dataset, SeedSummary } from "./dataset";
import { summarize } from "./dataset";
import { writeSeedStatements } from "./release";

const BATCH = 500;
const TRANSACTION_TIMEOUT_MS = 120_000;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Tables in insertion order (parents first), with the model's delegate and its SQL table name. */
const TABLES: readonly {
  key: keyof Dataset;
  table: string;
  insert: (tx: Tx, rows: never[]) => Promise<unknown>;
  clear: (tx: Tx) => Promise<unknown>;
}[] = [
  {
    key: "regions",
    table: "Region",
    insert: (tx, data) => tx.region.createMany({ data }),
    clear: (tx) => tx.region.deleteMany(),
  },
  {
    key: "boards",
    table: "Board",
    insert: (tx, data) => tx.board.createMany({ data }),
    clear: (tx) => tx.board.deleteMany(),
  },
  {
    key: "localAuthorities",
    table: "LocalAuthority",
    insert: (tx, data) => tx.localAuthority.createMany({ data }),
    clear: (tx) => tx.localAuthority.deleteMany(),
  },
  {
    key: "boardCoverage",
    table: "BoardCoverage",
    insert: (tx, data) => tx.boardCoverage.createMany({ data }),
    clear: (tx) => tx.boardCoverage.deleteMany(),
  },
  {
    key: "childPopulations",
    table: "ChildPopulation",
    insert: (tx, data) => tx.childPopulation.createMany({ data }),
    clear: (tx) => tx.childPopulation.deleteMany(),
  },
  {
    key: "authors",
    table: "Author",
    insert: (tx, data) => tx.author.createMany({ data }),
    clear: (tx) => tx.author.deleteMany(),
  },
  {
    key: "competencies",
    table: "Competency",
    insert: (tx, data) => tx.competency.createMany({ data }),
    clear: (tx) => tx.competency.deleteMany(),
  },
  {
    key: "reviews",
    table: "Review",
    insert: (tx, data) => tx.review.createMany({ data }),
    clear: (tx) => tx.review.deleteMany(),
  },
  {
    key: "incidents",
    table: "Incident",
    insert: (tx, data) => tx.incident.createMany({ data }),
    clear: (tx) => tx.incident.deleteMany(),
  },
  {
    key: "reviewAgencies",
    table: "ReviewAgency",
    insert: (tx, data) => tx.reviewAgency.createMany({ data }),
    clear: (tx) => tx.reviewAgency.deleteMany(),
  },
  {
    key: "authorships",
    table: "Authorship",
    insert: (tx, data) => tx.authorship.createMany({ data }),
    clear: (tx) => tx.authorship.deleteMany(),
  },
  {
    key: "evaluations",
    table: "Evaluation",
    insert: (tx, data) => tx.evaluation.createMany({ data }),
    clear: (tx) => tx.evaluation.deleteMany(),
  },
  {
    key: "findings",
    table: "Finding",
    insert: (tx, data) => tx.finding.createMany({ data }),
    clear: (tx) => tx.finding.deleteMany(),
  },
];

/** The client's provider. Db is typed as the SQLite client, but a PostgreSQL client is presented under it. */
function providerOf(db: Db): string {
  return (db as unknown as { _activeProvider?: string })._activeProvider ?? "sqlite";
}

export async function insertDataset(db: Db, dataset: Dataset, log: (line: string) => void = () => undefined): Promise<SeedSummary> {
  const postgres = providerOf(db) === "postgresql";
  await db.$transaction(
    async (tx) => {
      // Children before parents.
      for (const t of [...TABLES].reverse()) await t.clear(tx);
      for (const t of TABLES) {
        const rows = dataset[t.key] as never[];
        for (let i = 0; i < rows.length; i += BATCH) await t.insert(tx, rows.slice(i, i + BATCH));
        log(`seed: ${t.table} ${rows.length}`);
        // The rows carry explicit ids, which do not move PostgreSQL's sequences: move them past the ids used,
        // so rows created later through the API get fresh ones. (SQLite's AUTOINCREMENT follows by itself.)
        if (postgres) {
          await tx.$executeRawUnsafe(
            `SELECT setval(pg_get_serial_sequence('"${t.table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${t.table}"), 0) + 1, false)`,
          );
        }
      }
      await writeSeedStatements(tx);
      log("seed: coverage and the release of published anchors");
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
  return summarize(dataset);
}
