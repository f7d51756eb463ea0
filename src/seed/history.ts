// The seed's history: every record the seed writes has its creation in the audit log, like any other change
// (src/domain/records/history.ts), by the actor "seed" via "seed", with every field in the input's terms.
//
// Written with multi-row INSERTs that bind only what differs between rows (the record's id and its fields):
// the values every row shares (who, when, how, the model) are bound once per statement. Binding all twelve
// columns per row made the seed's history cost as much as all its records together; Prisma's raw statements
// spend their time per bound value.
import type { Actor } from "../domain/audit";
import { RECORD_KINDS, type RecordKindName } from "../domain/records";
import type { Change } from "../domain/records/history";
import type { Tx } from "../domain/records/stores";
import type { Dataset } from "./dataset";
import { seedInputs } from "./inputs";

/** Who wrote the seed's records: no key, no role. */
export const SEED_ACTOR: Actor = { actor: "seed", actorKeyId: null, role: null, requestId: null };
export const SEED_VIA = "seed";

/** Rows per statement: two bound values each, far under either database's limit. */
const ROWS_PER_STATEMENT = 10_000;

/** Every record's creation, one kind at a time (a scaled seed never holds every event at once). */
export function* seedChanges(dataset: Dataset): Generator<Change[]> {
  const all = seedInputs(dataset);
  for (const kind of Object.keys(all) as RecordKindName[]) {
    const { inputs, ids } = all[kind] as { inputs: object[]; ids: number[] };
    const model = RECORD_KINDS[kind].model;
    yield inputs.map((input, i) => ({ action: "record.create", model, id: ids[i]!, after: { ...input }, via: SEED_VIA }));
  }
}

/** Writes the creations of the dataset's records to the audit log, all stamped `at`; returns how many. */
export async function writeSeedHistory(tx: Tx, dataset: Dataset, at: Date, postgres: boolean): Promise<number> {
  let written = 0;
  for (const changes of seedChanges(dataset)) {
    for (let start = 0; start < changes.length; start += ROWS_PER_STATEMENT) {
      const batch = changes.slice(start, start + ROWS_PER_STATEMENT);
      const shared = [at, SEED_ACTOR.actor, "record.create", batch[0]!.model, SEED_VIA];
      const values: unknown[] = [...shared];
      const mark = () => (postgres ? `$${values.length}` : "?");
      const tuples = batch.map((c) => {
        values.push(String(c.id));
        const id = mark();
        values.push(JSON.stringify(c.after));
        return `(${id}, ${mark()})`;
      });
      // PostgreSQL types the shared values from their casts (a SELECT list gives no column to infer them from).
      const cast = (n: number, type: string) => (postgres ? `CAST($${n} AS ${type})` : "?");
      await tx.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("at", "actor", "action", "entity", "via", "entityId", "after")
         SELECT s."at", s."actor", s."action", s."entity", s."via", v."column1", v."column2"
         FROM (SELECT ${cast(1, "TIMESTAMP(3)")} AS "at", ${cast(2, "TEXT")} AS "actor", ${cast(3, "TEXT")} AS "action",
                      ${cast(4, "TEXT")} AS "entity", ${cast(5, "TEXT")} AS "via") s
         CROSS JOIN (VALUES ${tuples.join(", ")}) v`,
        ...values,
      );
      written += batch.length;
    }
  }
  return written;
}
