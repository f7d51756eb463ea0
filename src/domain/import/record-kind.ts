// A kind of record as the import handles it, built on the record validators (src/domain/records/): the rows of a
// chunk are matched to stored records by natural key, merged over them (a column the file does not have keeps
// the stored value; an empty cell clears it), validated by the kind's own validator against one lookup for the
// whole chunk, and planned: create, update (only the fields that differ), unchanged, or withdraw (a row with a
// `withdrawnReason`; refused, as by the withdraw mutations, while current records name it). Writing is plain
// multi-row SQL (sql.ts): one insert for the chunk's new records, one guarded update for its updates and one for
// its withdrawals, and one insert of their history entries, each naming the batch.
import { databaseLookup, type Known, RECORD_KINDS, type RecordInputs, type RecordKindName, resolveReferences } from "../records";
import { type Change, changedFields, changeRows } from "../records/history";
import { STORES, type Store, type Tx as StoreTx } from "../records/stores";
import type { CellType } from "./cells";
import { deleteWhereIn, insertRows, updateRows } from "./sql";
import { type ImportKind, type ImportRow, type PlannedRow, type RowAction, type RowProblem, type Tx, WriteConflict, type WriteContext } from "./kind";

/** The column that withdraws a record: a non-empty reason. */
export const WITHDRAW_COLUMN = "withdrawnReason";

/** What every stored record has (steward's version and withdrawal). */
export interface StoredRecord {
  id: number;
  version: number;
  withdrawnAt: Date | null;
}

export interface RecordKindSpec<K extends RecordKindName, S extends StoredRecord, D extends Record<string, unknown>> {
  name: string;
  singular: string;
  record: K;
  /** Columns, in the order documented; the input's fields (and `withdrawnReason`, added here). */
  columns: readonly string[];
  /** Columns a file must have. */
  required: readonly string[];
  cellTypes: Record<string, CellType>;
  /** The columns the natural key is made of. */
  keyColumns: readonly string[];
  /** Stored records by natural key: those of `keys`, the natural keys of the chunk's rows (`values`). */
  load(db: Tx, keys: readonly string[], values: readonly Record<string, unknown>[]): Promise<Map<string, S>>;
  /** A stored record as the validator's input. */
  inputOf(stored: S): RecordInputs[K];
  /** A valid input with its defaults filled in (as inputOf would give it back once stored), to compare the two. */
  normalize?(input: RecordInputs[K]): RecordInputs[K];
  /** A valid input as the model's columns (references resolved through `known`). */
  dataOf(input: RecordInputs[K], known: Known): D;
  /**
   * Rules beyond the validator's that hold across records (a value unique among all of the kind): the problems of
   * each input, given the chunk's inputs and the stored record each updates (if any).
   */
  crossCheck?(db: Tx, inputs: readonly { input: RecordInputs[K]; existingId: number | undefined }[]): Promise<RowProblem[][]>;
  /** The table the records are stored in. */
  table: string;
  /** The table's columns that `dataOf` gives (any other property of D is the kind's own, e.g. a review's agencies). */
  tableColumns: readonly (keyof D & string)[];
  /** Columns unique together in the table (a natural key in ids): how an inserted row's id is matched to its record. */
  uniqueColumns: readonly (keyof D & string)[];
  /** Warnings of a valid row that creates or updates a record, as it will be stored (warnings.ts). */
  warn?(input: RecordInputs[K]): RowProblem[];
  /** Rows of a child table written with the record (a review's agencies): replaced as a whole by an update. */
  children?: { table: string; parentColumn: string; rowsOf(data: D): Record<string, unknown>[] };
}

interface Plan<D> {
  key: string;
  id: number | null;
  /** The stored record's version when planned. */
  version: number;
  data: D;
  /** The history entry's fields: in the input's terms (board codes, not ids), only those that change for an update. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  reason?: string;
}

export function recordKind<K extends RecordKindName, S extends StoredRecord, D extends Record<string, unknown>>(
  spec: RecordKindSpec<K, S, D>,
): ImportKind<Plan<D>> {
  const def = RECORD_KINDS[spec.record];
  const keyOf = (values: Record<string, unknown>): string | null => {
    if (spec.keyColumns.some((c) => values[c] === null || values[c] === undefined || values[c] === "")) return null;
    return def.key(values as unknown as RecordInputs[K]);
  };
  const entity = def.model;
  const changedMeanwhile = (line: number, key: string) =>
    new WriteConflict({
      line,
      column: spec.keyColumns.join("+"),
      code: "CONFLICT",
      reason: `the ${spec.singular} ${key} was changed by someone else while the file was being imported; nothing was written, import it again`,
    });

  return {
    name: spec.name,
    singular: spec.singular,
    columns: { kind: spec.name, names: [...spec.columns, WITHDRAW_COLUMN], required: spec.required, key: spec.keyColumns },
    cellTypes: spec.cellTypes,
    keyColumns: spec.keyColumns,
    naturalKey: keyOf,

    async plan(db, rows: readonly ImportRow[]) {
      const keys = rows.map((r) => keyOf(r.values));
      const stored = await spec.load(
        db,
        keys.filter((k): k is string => k !== null),
        rows.map((r) => r.values),
      );
      const inputs = rows.map((row, i) => {
        const { [WITHDRAW_COLUMN]: reason, ...values } = row.values;
        const existing = keys[i] === null ? undefined : stored.get(keys[i]!);
        // A withdrawal names the record by its key; the row's other values are not applied.
        const withdrawing = existing !== undefined && typeof reason === "string" && reason.trim() !== "";
        const present = withdrawing ? {} : Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
        return { ...(existing ? spec.inputOf(existing) : {}), ...present } as RecordInputs[K];
      });
      const known = await resolveReferences(
        databaseLookup(db),
        inputs.map((input) => def.references(input)),
      );
      const existingIds = keys.map((key) => (key === null ? undefined : stored.get(key)?.id));
      const across = spec.crossCheck
        ? await spec.crossCheck(
            db,
            inputs.map((input, i) => ({ input, existingId: existingIds[i] })),
          )
        : [];
      const planned = rows.map((row, i): PlannedRow<Plan<D>> => {
        const key = keys[i] ?? null;
        const input = inputs[i]!;
        const existing = key === null ? undefined : stored.get(key);
        const problems: RowProblem[] = [...def.validate(input, known, existing?.id), ...(across[i] ?? [])];
        const reasonValue = row.values[WITHDRAW_COLUMN];
        const reason = typeof reasonValue === "string" && reasonValue.trim() !== "" ? reasonValue.trim() : null;
        const keyColumn = spec.keyColumns[0]!;
        if (reasonValue !== undefined && reasonValue !== null && reason === null) {
          problems.push({
            path: [WITHDRAW_COLUMN],
            code: "INVALID_FORMAT",
            message: `${WITHDRAW_COLUMN} must be text: why the record is withdrawn.`,
          });
        }
        if (reason !== null && !existing && key !== null) {
          problems.push({ path: [keyColumn], code: "NOT_FOUND", message: `There is no ${spec.singular} ${key} to withdraw.` });
        }
        if (existing?.withdrawnAt) {
          problems.push({
            path: [keyColumn],
            code: "WITHDRAWN",
            message: `The ${spec.singular} ${key} has been withdrawn; an import does not change or bring back a withdrawn record.`,
          });
        }
        if (problems.length > 0 || key === null) return { line: row.line, problems };
        const data = spec.dataOf(input, known);
        const effective = (spec.normalize ? spec.normalize(input) : input) as unknown as Record<string, unknown>;
        const warnings = spec.warn?.(input);
        if (!existing)
          return {
            line: row.line,
            problems: null,
            action: "create",
            plan: { key, id: null, version: 0, data, before: null, after: effective },
            warnings,
          };
        if (reason !== null) {
          return {
            line: row.line,
            problems: null,
            action: "withdraw",
            plan: { key, id: existing.id, version: existing.version, data, before: null, after: { withdrawnReason: reason }, reason },
          };
        }
        const diff = changedFields(spec.inputOf(existing) as unknown as Record<string, unknown>, effective);
        const action: RowAction = diff.changed ? "update" : "unchanged";
        return {
          line: row.line,
          problems: null,
          action,
          plan: { key, id: existing.id, version: existing.version, data, before: diff.before, after: diff.after },
          warnings: diff.changed ? warnings : undefined,
        };
      });
      // As the withdraw mutations do: a record that current records still name is not withdrawn (few rows withdraw).
      const store = STORES[spec.record] as Store<RecordInputs[K]>;
      for (const [i, row] of planned.entries()) {
        if (row.problems !== null || row.action !== "withdraw") continue;
        const dependents = await store.dependents(db as unknown as StoreTx, row.plan.id!);
        if (dependents)
          planned[i] = {
            line: row.line,
            problems: [
              {
                path: [spec.keyColumns[0]!],
                code: "IN_USE",
                message: `The ${spec.singular} ${row.plan.key} still has ${dependents}; withdraw or move them first.`,
              },
            ],
          };
      }
      return planned;
    },

    async write(tx: Tx, rows, context: WriteContext) {
      const sql = { tx, postgres: context.postgres };
      const how = { via: "import", importBatchId: context.batchId };
      const columnsOf = (data: D) => Object.fromEntries(spec.tableColumns.map((c) => [c, data[c] ?? null]));
      const uniqueOf = (row: Record<string, unknown>) => spec.uniqueColumns.map((c) => String(row[c])).join("\u0000");
      const changes: Change[] = [];

      const creates = rows.filter((r) => r.action === "create");
      const inserted = await insertRows(
        sql,
        spec.table,
        creates.map((r) => columnsOf(r.plan.data)),
        ["id", ...spec.uniqueColumns],
      );
      const idByUnique = new Map(inserted.map((r) => [uniqueOf(r), Number(r.id)]));
      const created = creates.map((r) => ({ ...r, id: idByUnique.get(uniqueOf(r.plan.data))! }));
      for (const r of created) changes.push({ action: "record.create", model: entity, id: r.id, after: r.plan.after, ...how });

      const updates = rows.filter((r) => r.action === "update");
      const updated = await updateRows(
        sql,
        spec.table,
        updates.map((r) => ({ id: r.plan.id!, version: r.plan.version, data: columnsOf(r.plan.data) })),
      );
      for (const r of updates) {
        if (!updated.has(r.plan.id!)) throw changedMeanwhile(r.line, r.plan.key);
        changes.push({ action: "record.update", model: entity, id: r.plan.id!, before: r.plan.before, after: r.plan.after, ...how });
      }

      if (spec.children) {
        // The children are part of the record: an updated record's list is replaced by the row's.
        const { table, parentColumn, rowsOf } = spec.children;
        await deleteWhereIn(
          sql,
          table,
          parentColumn,
          updates.map((r) => r.plan.id!),
        );
        const parents = [...created.map((r) => ({ id: r.id, data: r.plan.data })), ...updates.map((r) => ({ id: r.plan.id!, data: r.plan.data }))];
        await insertRows(
          sql,
          table,
          parents.flatMap((p) => rowsOf(p.data).map((child) => ({ ...child, [parentColumn]: p.id }))),
        );
      }

      const at = new Date();
      const withdrawals = rows.filter((r) => r.action === "withdraw");
      const withdrawn = await updateRows(
        sql,
        spec.table,
        withdrawals.map((r) => ({
          id: r.plan.id!,
          version: r.plan.version,
          data: { withdrawnAt: at, withdrawnReason: r.plan.reason!, withdrawnBy: context.actor },
        })),
      );
      for (const r of withdrawals) {
        if (!withdrawn.has(r.plan.id!)) throw changedMeanwhile(r.line, r.plan.key);
        changes.push({
          action: "record.withdraw",
          model: entity,
          id: r.plan.id!,
          after: { withdrawnAt: at.toISOString(), withdrawnReason: r.plan.reason, withdrawnBy: context.actor },
          ...how,
        });
      }

      // One history entry per change, in the same transaction, each naming the batch.
      const actor = { actor: context.actor, actorKeyId: context.actorKeyId, role: context.actorRole, requestId: context.requestId };
      await insertRows(
        sql,
        "AuditEvent",
        changeRows(actor, changes).map((row) => ({ ...row, at })),
      );
    },
  };
}
