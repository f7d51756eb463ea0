// Reads an import file as a stream of rows, each with its line, never holding more than one record (and one
// chunk of the file) in memory: CSV through csv-parse, JSON Lines line by line. Problems of form (encoding, CSV
// syntax, columns missing or unknown, JSON that does not parse, NUL characters) go to the problem list with their
// line and column, and reading goes on, so one pass finds them all. What a value means is not judged here: that
// is the record validators' work (src/domain/records/), reached through the kinds (kinds.ts).
import type { Readable } from "node:stream";
import { parse as parseCsv, type CsvError, type Info } from "csv-parse";
import { FileInspector } from "./inspect";
import type { ProblemList } from "./problems";

export const IMPORT_FORMATS = ["csv", "jsonl"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The format a file's name implies: .csv, or .jsonl / .ndjson; null when it says neither. */
export function formatOfFileName(name: string): ImportFormat | null {
  if (/\.csv$/i.test(name)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(name)) return "jsonl";
  return null;
}

/** Bytes one record (a CSV record, a JSON line) may have: far above any real row, and it bounds the memory a quote left open can take. */
export const MAX_RECORD_BYTES = 64 * 1024;

/** The columns a kind of record has. */
export interface ColumnSet {
  kind: string;
  /** Every column, in the order documented. */
  names: readonly string[];
  /** The columns a CSV header must have. */
  required: readonly string[];
  /** The natural key's columns, which every JSON line must carry (other properties absent keep a stored record's values, and the validators say what a new record lacks). */
  key: readonly string[];
}

/** One row as read: its line, and its values by column (null for an empty cell or a JSON null). */
export interface RawRow {
  line: number;
  values: Record<string, unknown>;
}

export interface FileFacts {
  /** The kind named by the file's first line (`# kind: …`), if any. */
  kindInFile: string | null;
  /** SHA-256 of the file's bytes, hex. */
  checksum: string;
  bytes: number;
  /** Rows read (data rows, not the header), good or bad. */
  rows: number;
}

export interface ReadOptions {
  format: ImportFormat;
  problems: ProblemList;
  /**
   * The columns of the kind named by the caller or, failing that, by the file's first line; null when there is no
   * kind to read (the caller reports why). Called once, before the first row.
   */
  columnsFor(kindInFile: string | null): ColumnSet | null;
  /** Told the bytes read so far, now and then (for a progress bar). */
  onBytes?(bytes: number): void;
}

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000/;

/** A column name as a message shows it: quoted when it holds odd characters, cut when long. */
export function shownName(name: string): string {
  const cut = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  return /^[A-Za-z0-9_]+$/.test(cut) ? cut : JSON.stringify(cut);
}

const fieldsPlural = (n: number) => `${n} field${n === 1 ? "" : "s"}`;

/** A CSV syntax error in a steward's words. */
function csvReason(error: CsvError & { record?: unknown[] }, headerLength: number | null): string {
  switch (error.code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
    case "CSV_RECORD_INCONSISTENT_COLUMNS": {
      const got = Array.isArray(error.record) ? error.record.length : null;
      return `the line has ${got === null ? "a different number of fields" : fieldsPlural(got)} but the header has ${headerLength === null ? "another number" : fieldsPlural(headerLength)}; quote a value that holds a comma`;
    }
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'a quoted value is followed by other text before the next comma; write a quote inside a quoted value as two quotes ("")';
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted value is never closed: the file ends inside it";
    case "CSV_MAX_RECORD_SIZE":
      return `a record is longer than ${MAX_RECORD_BYTES} bytes (a quote left open?); nothing after it on this record was read`;
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "a quoted value is followed by other text before the next comma";
    case "INVALID_OPENING_QUOTE":
      return 'a quote appears inside an unquoted value; quote the whole value and double the quote ("")';
    default:
      return `the CSV cannot be read here (${error.code})`;
  }
}

export class ImportReader {
  private readonly inspector: FileInspector;
  private columns: ColumnSet | null | undefined = undefined;
  private rowsRead = 0;

  constructor(
    private readonly input: Readable,
    private readonly options: ReadOptions,
  ) {
    this.inspector = new FileInspector(options.problems);
  }

  /** What the file turned out to be; complete once `rows()` has been read to its end. */
  facts(): FileFacts {
    return { kindInFile: this.inspector.kind, checksum: this.inspector.checksum(), bytes: this.inspector.bytes, rows: this.rowsRead };
  }

  /** The columns chosen for the file (after the first row, or the end). */
  get columnSet(): ColumnSet | null {
    return this.columns ?? null;
  }

  async *rows(): AsyncGenerator<RawRow> {
    const source = this.input.pipe(this.inspector);
    this.input.on("error", (error) => this.inspector.destroy(error));
    let lastReported = 0;
    const progress = () => {
      if (this.options.onBytes && this.inspector.bytes - lastReported >= 256 * 1024) {
        lastReported = this.inspector.bytes;
        this.options.onBytes(lastReported);
      }
    };
    const rows = this.options.format === "csv" ? this.csvRows(source) : this.jsonLines(source);
    for await (const row of rows) {
      progress();
      yield row;
    }
    this.options.onBytes?.(this.inspector.bytes);
  }

  private chooseColumns(): ColumnSet | null {
    if (this.columns === undefined) this.columns = this.options.columnsFor(this.inspector.kind);
    return this.columns;
  }

  private noNul(row: RawRow): RawRow {
    for (const [column, value] of Object.entries(row.values)) {
      if (typeof value === "string" && NUL.test(value)) {
        this.options.problems.add({
          line: row.line,
          column,
          code: "NUL_CHARACTER",
          reason: "the value holds a NUL character (U+0000), which no text may hold",
        });
      }
    }
    return row;
  }

  private async *csvRows(source: Readable): AsyncGenerator<RawRow> {
    const { problems } = this.options;
    let header: string[] | null = null;
    let headerUsable = false;
    // The header's length, known to the parser before the loop below sees the header (it reads ahead).
    let headerLength: number | null = null;
    const parser = parseCsv({
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: MAX_RECORD_BYTES,
      on_record: (record: string[]) => {
        headerLength ??= record.length;
        return record;
      },
      on_skip: (error: CsvError | undefined) => {
        if (!error) return;
        const line = (error as unknown as { lines?: number }).lines ?? null;
        problems.add({ line, column: null, code: error.code, reason: csvReason(error, headerLength) });
      },
    });
    source.on("error", (error) => parser.destroy(error));
    source.pipe(parser);
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (header === null) {
        header = record;
        headerUsable = this.checkHeader(header, info.lines);
        if (!headerUsable) break;
        continue;
      }
      this.rowsRead++;
      const values: Record<string, unknown> = {};
      header.forEach((name, i) => {
        const cell = record[i] ?? "";
        values[name] = cell === "" ? null : cell;
      });
      yield this.noNul({ line: info.lines, values });
    }
    if (header !== null && !headerUsable) {
      // Rows cannot be read under a header with problems (and a file of garbage has one): the rest of the file is
      // only read through the inspector, for its checksum and its encoding, which is fast.
      source.unpipe(parser);
      parser.destroy();
      for await (const _chunk of source) void _chunk;
    }
    if (header === null) {
      this.chooseColumns();
      problems.add({
        line: null,
        column: null,
        code: "EMPTY_FILE",
        reason: "the file has no header line (a CSV file starts with the names of its columns)",
      });
    }
  }

  /** Reports what is wrong with the header; true when rows can be read under it. */
  private checkHeader(header: string[], line: number): boolean {
    const { problems } = this.options;
    const columns = this.chooseColumns();
    if (columns === null) return false;
    const before = problems.total;
    const seen = new Set<string>();
    for (const name of header) {
      if (name === "") problems.add({ line, column: null, code: "EMPTY_COLUMN_NAME", reason: "a column of the header has no name" });
      else if (seen.has(name))
        problems.add({
          line,
          column: shownName(name),
          code: "DUPLICATE_COLUMN",
          reason: `the column ${shownName(name)} appears more than once in the header`,
        });
      else if (!columns.names.includes(name))
        problems.add({
          line,
          column: shownName(name),
          code: "UNKNOWN_COLUMN",
          reason: `${shownName(name)} is not a column of ${columns.kind}; the columns are ${columns.names.join(", ")}`,
        });
      seen.add(name);
    }
    for (const name of columns.required) {
      if (!seen.has(name))
        problems.add({
          line,
          column: name,
          code: "MISSING_COLUMN",
          reason: `the header has no column ${name}, which every ${columns.kind} file needs`,
        });
    }
    return problems.total === before;
  }

  private async *jsonLines(source: Readable): AsyncGenerator<RawRow> {
    // The current line's pieces (a line may span chunks); once it passes MAX_RECORD_BYTES it is dropped and reported.
    let pieces: Buffer[] = [];
    let size = 0;
    let overlong = false;
    let line = 0;
    const add = (piece: Buffer) => {
      size += piece.length;
      if (size > MAX_RECORD_BYTES) {
        overlong = true;
        pieces = [];
      } else if (piece.length > 0) pieces.push(Buffer.from(piece));
    };
    const finish = (): RawRow | null => {
      line++;
      let row: RawRow | null = null;
      if (overlong) {
        this.rowsRead++;
        this.options.problems.add({ line, column: null, code: "LINE_TOO_LONG", reason: `the line is longer than ${MAX_RECORD_BYTES} bytes` });
      } else row = this.jsonLine(Buffer.concat(pieces).toString("utf8").replace(/\r$/, ""), line);
      pieces = [];
      size = 0;
      overlong = false;
      return row;
    };
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
        add(chunk.subarray(start, newline));
        const row = finish();
        if (row) yield row;
        start = newline + 1;
      }
      add(chunk.subarray(start));
    }
    if (size > 0) {
      const row = finish();
      if (row) yield row;
    }
    if (this.chooseColumns() !== null && this.rowsRead === 0) {
      this.options.problems.add({ line: null, column: null, code: "EMPTY_FILE", reason: "the file holds no records" });
    }
  }

  /** One JSON line as a row, or null (a blank line, or a line whose problems were reported). */
  private jsonLine(text: string, line: number): RawRow | null {
    const { problems } = this.options;
    if (text.trim() === "") return null;
    const columns = this.chooseColumns();
    this.rowsRead++;
    if (columns === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
      problems.add({ line, column: null, code: "INVALID_JSON", reason: `the line is not valid JSON${detail}` });
      return null;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      problems.add({ line, column: null, code: "NOT_AN_OBJECT", reason: "each line must be one JSON object ({ … }) holding one record" });
      return null;
    }
    const values = parsed as Record<string, unknown>;
    let usable = true;
    for (const name of Object.keys(values)) {
      if (!columns.names.includes(name)) {
        usable = false;
        problems.add({
          line,
          column: shownName(name),
          code: "UNKNOWN_COLUMN",
          reason: `${shownName(name)} is not a property of ${columns.kind}; the properties are ${columns.names.join(", ")}`,
        });
      }
    }
    for (const name of columns.key) {
      if (!(name in values)) {
        usable = false;
        problems.add({ line, column: name, code: "MISSING_COLUMN", reason: `the record has no ${name}, which every ${columns.kind} record needs` });
      }
    }
    return usable ? this.noNul({ line, values }) : null;
  }
}
