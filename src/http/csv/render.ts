// A table's rows from one executed page, and their text (RFC 4180 quoting by csv-stringify). Cells are written
// as the JSON answer has them: a number as JSON writes it, true/false, an enum's name, a date as its text; a null
// is an empty cell, except in a figure, where it is the Government Statistical Service's symbol for the figure's
// status (the one the schema's FigureStatus names): c withheld (SUPPRESSED), x not available, z not applicable.
import { stringify } from "csv-stringify/sync";
import { type Column, STATUS_ALIAS, type Table } from "./shape";

/** The GSS symbol written for a figure's missing value, by status; OK and PROVISIONAL figures have values. */
export const FIGURE_SYMBOLS: Readonly<Record<string, string>> = { SUPPRESSED: "c", NOT_AVAILABLE: "x", NOT_APPLICABLE: "z" };

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The value at the end of a path of response keys; undefined where the path stops (a null object, another type). */
function at(value: Json, path: readonly string[]): Json {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage return) as a formula; free text could
 * begin so. Such a text is written after an apostrophe, which spreadsheets show as text and do not display.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function text(value: Json): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return FORMULA_START.test(value) ? `'${value}` : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // A list of scalars or enum values (e.g. a review's reasons) is one cell, its items separated by "; ".
  if (Array.isArray(value)) return value.map(text).join("; ");
  return JSON.stringify(value);
}

function cell(source: Json, column: Column): string {
  const owner = at(source, column.path.slice(0, -1));
  const value = isObject(owner) ? owner[column.path[column.path.length - 1]!] : undefined;
  if ((value === null || value === undefined) && column.ofFigure && isObject(owner)) {
    const status = owner[STATUS_ALIAS];
    if (typeof status === "string" && status in FIGURE_SYMBOLS) return FIGURE_SYMBOLS[status]!;
  }
  return text(value);
}

/** The header line. */
export function headerText(table: Table): string {
  return stringify([table.columns.map((c) => c.header)]);
}

/** The rows of one page's data: one per item of the list, each field outside the list repeated. */
export function rowsOf(table: Table, data: Json): string[][] {
  const items = at(data, table.listPath);
  if (!Array.isArray(items)) return [];
  return items.map((item) => table.columns.map((column) => cell(column.inList ? item : data, column)));
}

/** Rows as CSV text, each line ended by "\n". */
export function rowsText(rows: string[][]): string {
  return rows.length === 0 ? "" : stringify(rows);
}
