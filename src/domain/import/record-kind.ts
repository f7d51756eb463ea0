// A kind of record as the import handles it, built on the record validators (src/domain/records/): the rows of a
// chunk are matched to stored records by natural key, merged over them (a column the file does not have keeps
// the stored value; an empty cell clears it), validated by the kind's own validator against one lookup for the
// whole chunk, and planned: create, update (only the fields that differ), unchanged, or withdraw (a row with a
// `withdrawnReason`). Writing is multi-row: one insert for the chunk's new records, the updates, and one insert
// of their history entries, each naming the batch.
import { databaseLookup, type Known, RECORD_KINDS, type RecordInputs, type RecordKindName, resolveReferences } from "../records";
import type { CellType } from "./cells";
import type { ImportKind, ImportRow, PlannedRow, RowAction, RowProblem, Tx, WriteContext } from "./kind";
import { historyEntry, recordHistory, type HistoryEntry } from "./history";

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
  /** Stored records by natural key. */
  load(db: Tx, keys: readonly string[]): Promise<Map<string, S>>;
  /** A stored record as the validator's input. */
  inputOf(stored: S): RecordInputs[K];
  /** A valid input as the model's columns (references resolved through `known`). */
  dataOf(input: RecordInputs[K], known: Known): D;
  /** Inserts new records; returns their ids by natural key. */
  createMany(tx: Tx, data: D[]): Promise<Map<string, number>>;
  /** Updates one record to `data`, moving its version on. */
  update(tx: Tx, id: number, data: Partial<D>): Promise<void>;
  /** Withdraws one record. */
  withdraw(tx: Tx, id: number, reason: string, by: string): Promise<void>;
}

interface Plan<D> {
  key: string;
  id: number | null;
  data: D;
  /** For an update: the fields that change, before and after. */
  before?: Partial<D>;
  after?: Partial<D>;
  reason?: string;
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function recordKind<K extends RecordKindName, S extends StoredRecord, D extends Record<string, unknown>>(
  spec: RecordKindSpec<K, S, D>,
): ImportKind<Plan<D>> {
  const def = RECORD_KINDS[spec.record];
  const keyOf = (values: Record<string, unknown>): string | null => {
    if (spec.keyColumns.some((c) => values[c] === null || values[c] === undefined || values[c] === "")) return null;
    return def.key(values as unknown as RecordInputs[K]);
  };
  const entity = def.model;

  return {
    name: spec.name,
    singular: spec.singular,
    columns: { kind: spec.name, names: [...spec.columns, WITHDRAW_COLUMN], required: spec.required },
    cellTypes: spec.cellTypes,
    keyColumns: spec.keyColumns,
    naturalKey: keyOf,

    async plan(db, rows: readonly ImportRow[]) {
      const keys = rows.map((r) => keyOf(r.values));
      const stored = await spec.load(db, keys.filter((k): k is string => k !== null));
      const inputs = rows.map((row, i) => {
        const { [WITHDRAW_COLUMN]: _reason, ...values } = row.values;
        const existing = keys[i] === null ? undefined : stored.get(keys[i]!);
        const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
        return { ...(existing ? spec.inputOf(existing) : {}), ...present } as RecordInputs[K];
      });
      const known = await resolveReferences(
        databaseLookup(db),
        inputs.map((input) => def.references(input)),
      );
      return rows.map((row, i): PlannedRow<Plan<D>> => {
        const key = keys[i];
        const existing = key === null ? undefined : stored.get(key);
        const problems: RowProblem[] = def.validate(inputs[i]!, known, existing?.id);
        const reasonValue = row.values[WITHDRAW_COLUMN];
        const reason = typeof reasonValue === "string" && reasonValue.trim() !== "" ? reasonValue.trim() : null;
        if (reasonValue !== undefined && reasonValue !== null && reason === null) {
          problems.push({ path: [WITHDRAW_COLUMN], code: "INVALID_FORMAT", message: `${WITHDRAW_COLUMN} must be text: why the record is withdrawn.` });
        }
        if (reason !== null && !existing && key !== null) {
          problems.push({
            path: [spec.keyColumns[0]!],
            code: "NOT_FOUND",
            message: `There is no ${spec.singular} ${key} to withdraw.`,
          });
        }
        if (existing?.withdrawnAt) {
          problems.push({
            path: [spec.keyColumns[0]!],
            code: "WITHDRAWN",
            message: `The ${spec.singular} ${key} has been withdrawn; an import does not change or bring back a withdrawn record.`,
          });
        }
        if (problems.length > 0 || key === null) return { line: row.line, problems };
        const data = spec.dataOf(inputs[i]!, known);
        if (!existing) return { line: row.line, problems: null, action: "create", plan: { key, id: null, data } };
        if (reason !== null) return { line: row.line, problems: null, action: "withdraw", plan: { key, id: existing.id, data, reason } };
        const before: Partial<D> = {};
        const after: Partial<D> = {};
        for (const [field, value] of Object.entries(data) as [keyof D & string, D[keyof D]][]) {
          const old = (existing as unknown as Record<string, unknown>)[field];
          if (!same(old, value)) {
            before[field] = old as D[keyof D];
            after[field] = value;
          }
        }
        const action: RowAction = Object.keys(after).length === 0 ? "unchanged" : "update";
        return { line: row.line, problems: null, action, plan: { key, id: existing.id, data, before, after } };
      });
    },

    async write(tx: Tx, rows, context: WriteContext) {
      const history: HistoryEntry[] = [];
      const creates = rows.filter((r) => r.action === "create");
      if (creates.length > 0) {
        const ids = await spec.createMany(
          tx,
          creates.map((r) => r.plan.data),
        );
        for (const r of creates) history.push(historyEntry(context, "create", entity, ids.get(r.plan.key)!, null, r.plan.data));
      }
      for (const r of rows) {
        if (r.action === "update") {
          await spec.update(tx, r.plan.id!, r.plan.after!);
          history.push(historyEntry(context, "update", entity, r.plan.id!, r.plan.before!, r.plan.after!));
        } else if (r.action === "withdraw") {
          await spec.withdraw(tx, r.plan.id!, r.plan.reason!, context.actor);
          history.push(historyEntry(context, "withdraw", entity, r.plan.id!, null, { withdrawnReason: r.plan.reason }));
        }
      }
      await recordHistory(tx, history);
    },
  };
}
