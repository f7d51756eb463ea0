// What the import needs to know of a kind of record: its columns, its natural key, how to check a chunk of rows
// against the database (through the record validators) and how to write the rows it planned. One file per kind
// under kinds/; the list of kinds is kinds/index.ts.
import type { Db } from "../../db";
import type { Role } from "../../generated/sqlite/enums";
import type { CellType } from "./cells";
import type { ImportProblem } from "./problems";
import type { ColumnSet } from "./read";

/** The client or an interactive transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A row as the import hands it to a kind: its line, and its values typed (cells.ts). */
export interface ImportRow {
  line: number;
  values: Record<string, unknown>;
}

export type RowAction = "create" | "update" | "unchanged" | "withdraw";

/** A row's problem as a validator reports it: the input path at fault (its first element is the column). */
export interface RowProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

/** What a kind decided about one row: its problems, or what writing it would do. */
export type PlannedRow<Plan = unknown> =
  | { line: number; problems: RowProblem[] }
  | {
      line: number;
      problems: null;
      action: RowAction;
      plan: Plan;
      /** Accepted, but worth a steward's look (warnings.ts); only for a row that creates or updates. */
      warnings?: RowProblem[];
    };

/** Who imports, and the batch the rows are written under (the history names it as "how"). */
export interface WriteContext {
  batchId: number;
  actor: string;
  actorKeyId: number | null;
  actorRole: Role | null;
  requestId: string | null;
  /** The database is PostgreSQL (the writes' SQL casts its values), else SQLite. */
  postgres: boolean;
}

export interface ImportKind<Plan = unknown> {
  /** The kind's name, as `--kind`, `?kind=` and `# kind:` give it: "incidents". */
  name: string;
  /** Singular, for messages: "incident". */
  singular: string;
  columns: ColumnSet;
  /** How each column's CSV text is typed before validation. */
  cellTypes: Record<string, CellType>;
  /** The row's natural key (unique within a file and in the database), or null when the row lacks it. */
  naturalKey(values: Record<string, unknown>): string | null;
  /** The column(s) the natural key is made of, for messages. */
  keyColumns: readonly string[];
  /** Checks a chunk of rows against the database (read only) and plans each. */
  plan(db: Tx, rows: readonly ImportRow[]): Promise<PlannedRow<Plan>[]>;
  /** Writes a chunk of planned rows (none with problems), with their history, in the caller's transaction. */
  write(tx: Tx, rows: readonly { line: number; action: RowAction; plan: Plan }[], context: WriteContext): Promise<void>;
}

/** A record changed by another writer between the write pass's plan and its write: the transaction is undone. */
export class WriteConflict extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.reason);
  }
}
