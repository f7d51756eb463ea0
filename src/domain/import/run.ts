// An import, start to end. Two passes over the file, each streamed in chunks so memory stays bounded whatever
// the file's size:
//
//   1. check: every row read, typed, validated (the record validators, through the kind) and planned (create,
//      update, unchanged, withdraw), and its natural key checked unique within the file. Any problem: nothing is
//      written, and every problem comes back with its line, column and reason.
//   2. write (unless a dry run): in ONE transaction, the batch is recorded, the file read again and every chunk
//      planned again inside the transaction (so nothing another writer changed in between slips through) and
//      written with multi-row statements, then the batch's counts. A process killed part way, or any failure,
//      rolls the whole transaction back: the database is exactly as before.
//
// A dry run stops after the check and records the batch alone, with the counts it would have written.
//
// The check pass also gathers the rows' warnings (accepted, but worth a look: warnings.ts); they come back with
// the answer, dry run or not, and the batch keeps their number and the first MAX_STORED_WARNINGS of them.
import type { Readable } from "node:stream";
import type { Db } from "../../db";
import type { Role } from "../../generated/sqlite/enums";
import { typedCell } from "./cells";
import { type ImportKind, type ImportRow, type RowAction, type Tx, WriteConflict } from "./kind";
import { type ImportProblem, ProblemList } from "./problems";
import { type FileFacts, type ImportFormat, ImportReader, shownName } from "./read";
import { MAX_STORED_WARNINGS } from "./warnings";

/** Rows checked, and written, per statement batch: big enough for fast multi-row statements, small for memory. */
export const CHUNK_ROWS = 500;

/** How long the write transaction may stay open (100,000 rows take well under this on either database). */
export const WRITE_TRANSACTION_TIMEOUT_MS = 30 * 60 * 1000;

export interface ImportActor {
  /** The key's label, or "cli:<user>". */
  actor: string;
  actorKeyId: number | null;
  actorRole: Role | null;
  channel: "cli" | "http";
  requestId: string | null;
}

export interface ImportProgress {
  phase: "check" | "write";
  rows: number;
  /** Rows in the file: unknown while checking, known while writing. */
  totalRows: number | null;
  bytes: number;
  totalBytes: number | null;
}

export interface ImportRequest {
  /** Opens the file from its start; called once per pass. */
  open(): Readable;
  fileName: string;
  format: ImportFormat;
  /** The kind named by the caller (`--kind`, `?kind=`), or null to take it from the file's first line. */
  kind: string | null;
  dryRun: boolean;
  actor: ImportActor;
  /** The file's size, when known (for progress). */
  totalBytes?: number | null;
  onProgress?(progress: ImportProgress): void;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
}

export interface ImportBatchSummary extends ImportCounts {
  id: number;
  kind: string;
  fileName: string;
  format: ImportFormat;
  checksum: string;
  bytes: number;
  rows: number;
  dryRun: boolean;
  seconds: number;
  /** Every warning found. */
  warningCount: number;
  /** The first warnings (at most MAX_STORED_WARNINGS), in the file's order, as problems are given. */
  warnings: ImportProblem[];
}

export type ImportOutcome =
  | { ok: true; batch: ImportBatchSummary }
  | {
      ok: false;
      kind: string | null;
      rows: number;
      /** The problems reported (at most MAX_REPORTED_PROBLEMS), in the file's order. */
      problems: ImportProblem[];
      /** Every problem found. */
      problemCount: number;
      /** Problems found beyond those reported. */
      unreported: number;
    };

const COUNTED: Record<RowAction, keyof ImportCounts> = { create: "created", update: "updated", unchanged: "unchanged", withdraw: "withdrawn" };

/** The problems of the write pass: the database changed between the check and the write. */
class ChangedMeanwhile extends Error {
  constructor(readonly problems: ProblemList) {
    super("the database changed while the file was being checked");
  }
}

interface PassResult {
  facts: FileFacts;
  kind: ImportKind | null;
  counts: ImportCounts;
}

/** Reads the file once: types, checks and plans every row; hands each chunk of good planned rows to `onChunk`. */
async function pass(
  db: Tx,
  request: ImportRequest,
  kinds: ReadonlyMap<string, ImportKind>,
  problems: ProblemList,
  phase: ImportProgress["phase"],
  totalRows: number | null,
  warnings: ProblemList | null,
  onChunk: (kind: ImportKind, rows: { line: number; action: RowAction; plan: unknown }[]) => Promise<void>,
): Promise<PassResult> {
  let kind: ImportKind | null = null;
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, withdrawn: 0 };
  let rowsDone = 0;
  let bytes = 0;
  const progress = () => request.onProgress?.({ phase, rows: rowsDone, totalRows, bytes, totalBytes: request.totalBytes ?? null });
  const reader = new ImportReader(request.open(), {
    format: request.format,
    problems,
    columnsFor: (kindInFile) => {
      kind = chooseKind(request.kind, kindInFile, kinds, problems);
      return kind?.columns ?? null;
    },
    onBytes: (read) => {
      bytes = read;
      progress();
    },
  });
  // The first line each natural key was seen on (the check pass only: the write pass reads the same file).
  const seen = phase === "check" ? new Map<string, number>() : null;
  let chunk: ImportRow[] = [];
  const flush = async (current: ImportKind) => {
    if (chunk.length === 0) return;
    const planned = await current.plan(db, chunk);
    const good: { line: number; action: RowAction; plan: unknown }[] = [];
    for (const row of planned) {
      if (row.problems !== null) {
        for (const p of row.problems) problems.add({ line: row.line, column: columnOf(current, p.path), code: p.code, reason: p.message });
      } else {
        counts[COUNTED[row.action]]++;
        for (const w of row.warnings ?? []) warnings?.add({ line: row.line, column: columnOf(current, w.path), code: w.code, reason: w.message });
        good.push({ line: row.line, action: row.action, plan: row.plan });
      }
    }
    rowsDone += chunk.length;
    chunk = [];
    if (good.length > 0 && problems.empty) await onChunk(current, good);
    progress();
  };
  for await (const raw of reader.rows()) {
    const current = kind as ImportKind | null;
    if (current === null) continue;
    const values: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(raw.values)) values[column] = typedCell(value, current.cellTypes[column] ?? "text");
    if (seen) {
      const key = current.naturalKey(values);
      if (key !== null) {
        const first = seen.get(key);
        if (first === undefined) seen.set(key, raw.line);
        else
          problems.add({
            line: raw.line,
            column: current.keyColumns.join("+"),
            code: "DUPLICATE_KEY",
            reason: `${current.singular} ${key} is also on line ${first}; a file may hold each ${current.singular} once`,
          });
      }
    }
    chunk.push({ line: raw.line, values });
    if (chunk.length >= CHUNK_ROWS) await flush(current);
  }
  if (kind !== null) await flush(kind);
  return { facts: reader.facts(), kind, counts };
}

/** The kind to read: the caller's, else the file's; a problem when neither names a known one, or they differ. */
function chooseKind(asked: string | null, inFile: string | null, kinds: ReadonlyMap<string, ImportKind>, problems: ProblemList): ImportKind | null {
  const names = [...kinds.keys()].join(", ");
  if (asked !== null && inFile !== null && asked.toLowerCase() !== inFile) {
    problems.add({
      line: 1,
      column: null,
      code: "KIND_MISMATCH",
      reason: `the file's first line names ${inFile} but the import was asked for ${asked.toLowerCase()}`,
    });
    return null;
  }
  const name = (asked ?? inFile)?.toLowerCase() ?? null;
  if (name === null) {
    problems.add({
      line: null,
      column: null,
      code: "KIND_REQUIRED",
      reason: `name the kind of record the file holds (${names}): --kind on the command line, ?kind= on POST /import, or a first line \`# kind: <kind>\``,
    });
    return null;
  }
  const kind = kinds.get(name);
  if (!kind)
    problems.add({
      line: null,
      column: null,
      code: "UNKNOWN_KIND",
      reason: `${shownName(name)} is not a kind of record the import takes; use one of ${names}`,
    });
  return kind ?? null;
}

/** The column a validator's path points at: its first element when that is a column, else the whole path. */
function columnOf(kind: ImportKind, path: readonly (string | number)[]): string | null {
  if (path.length === 0) return null;
  const first = String(path[0]);
  return kind.columns.names.includes(first) ? first : path.join(".");
}

const failed = (kind: ImportKind | null, rows: number, problems: ProblemList): ImportOutcome => ({
  ok: false,
  kind: kind?.name ?? null,
  rows,
  problems: problems.inOrder(),
  problemCount: problems.total,
  unreported: problems.unreported,
});

/** The client's provider. Db is typed as the SQLite client, but a PostgreSQL client is presented under it. */
function providerOf(db: Db): string {
  return (db as unknown as { _activeProvider?: string })._activeProvider ?? "sqlite";
}

export async function runImport(db: Db, kinds: ReadonlyMap<string, ImportKind>, request: ImportRequest): Promise<ImportOutcome> {
  const started = new Date();
  const problems = new ProblemList();
  const warnings = new ProblemList(MAX_STORED_WARNINGS);
  const checked = await pass(db, request, kinds, problems, "check", null, warnings, async () => undefined);
  const kind = checked.kind;
  if (!problems.empty || kind === null) return failed(kind, checked.facts.rows, problems);

  const batchData = {
    kind: kind.name,
    fileName: request.fileName,
    format: request.format,
    checksum: checked.facts.checksum,
    bytes: checked.facts.bytes,
    rows: checked.facts.rows,
    dryRun: request.dryRun,
    actor: request.actor.actor,
    actorKeyId: request.actor.actorKeyId,
    actorRole: request.actor.actorRole,
    channel: request.actor.channel,
    startedAt: started,
    warningCount: warnings.total,
    warnings: warnings.empty ? null : JSON.stringify(warnings.inOrder()),
  };
  const summary = (id: number, counts: ImportCounts, finished: Date): ImportBatchSummary => ({
    id,
    ...counts,
    kind: kind.name,
    fileName: request.fileName,
    format: request.format,
    checksum: checked.facts.checksum,
    bytes: checked.facts.bytes,
    rows: checked.facts.rows,
    dryRun: request.dryRun,
    seconds: (finished.getTime() - started.getTime()) / 1000,
    warningCount: warnings.total,
    warnings: warnings.inOrder(),
  });

  if (request.dryRun) {
    const finished = new Date();
    const batch = await db.importBatch.create({ data: { ...batchData, ...checked.counts, finishedAt: finished } });
    return { ok: true, batch: summary(batch.id, checked.counts, finished) };
  }

  try {
    return await db.$transaction(
      async (tx) => {
        const batch = await tx.importBatch.create({
          data: { ...batchData, created: 0, updated: 0, unchanged: 0, withdrawn: 0, finishedAt: started },
        });
        const context = {
          batchId: batch.id,
          actor: request.actor.actor,
          actorKeyId: request.actor.actorKeyId,
          actorRole: request.actor.actorRole,
          requestId: request.actor.requestId,
          postgres: providerOf(db) === "postgresql",
        };
        const again = new ProblemList();
        const written = await pass(tx, request, kinds, again, "write", checked.facts.rows, null, (current, rows) => current.write(tx, rows, context));
        if (written.facts.checksum !== checked.facts.checksum) {
          again.add({ line: null, column: null, code: "FILE_CHANGED", reason: "the file changed while it was being imported; nothing was written" });
        }
        if (!again.empty) throw new ChangedMeanwhile(again);
        const finished = new Date();
        await tx.importBatch.update({ where: { id: batch.id }, data: { ...written.counts, finishedAt: finished } });
        return { ok: true as const, batch: summary(batch.id, written.counts, finished) };
      },
      { timeout: WRITE_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (error) {
    if (error instanceof ChangedMeanwhile) return failed(kind, checked.facts.rows, error.problems);
    if (error instanceof WriteConflict) {
      const conflict = new ProblemList();
      conflict.add(error.problem);
      return failed(kind, checked.facts.rows, conflict);
    }
    throw error;
  }
}
