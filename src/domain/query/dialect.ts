// The SQL that differs between SQLite and PostgreSQL, in one place. Everything else the query compiler writes
// is portable (substr, CASE, COALESCE, EXISTS, window functions, NULLS LAST) and runs unchanged on both.
//
// Dates are ISO "YYYY-MM-DD" TEXT on both databases, so comparing and sorting them needs no dialect; only date
// arithmetic does.
import type { DatabaseKind } from "../../config";
import { Prisma } from "../../db";

type Sql = Prisma.Sql;

export interface Dialect {
  kind: DatabaseKind;
  /** Whole days from `from` to `to` (both ISO date text), negative when `to` is earlier; null when either is. */
  daysBetween(from: Sql, to: Sql): Sql;
  /** The ISO date `months` calendar months after `date`, clamped to the month's last day (31 Oct + 4 = 29 Feb). */
  addMonths(date: Sql, months: number): Sql;
  /**
   * A text expression folded to lower case for case-insensitive matching. Only ASCII letters fold, on both
   * databases: SQLite's lower() knows no other letters, and PostgreSQL's lower() under the "C" collation
   * behaves the same, so a pattern matches the same rows everywhere whatever the server's locale.
   */
  foldCase(text: Sql): Sql;
  /** A text expression that sorts by byte (code point) order, like SQLite's default BINARY collation. */
  byteOrder(text: Sql): Sql;
  /** A JSON object of `pairs` (key, value); a value built by the other json helpers nests as JSON, not as text. */
  jsonObject(pairs: readonly (readonly [string, Sql])[]): Sql;
  /** A scalar subquery that returns JSON (an object, an array or null), as a value `jsonObject` nests. */
  jsonSubquery(select: Sql): Sql;
  /** The aggregate JSON array of `value` over a query's rows in `order`; `[]` over no rows. */
  jsonArrayAgg(value: Sql, order: Sql): Sql;
  /** A boolean column as JSON true/false/null (SQLite stores 1/0). */
  jsonBoolean(value: Sql): Sql;
  /** JSON as text, for the one column a compiled read returns. */
  jsonText(value: Sql): Sql;
}

const sqlite: Dialect = {
  kind: "sqlite",
  daysBetween: (from, to) => Prisma.sql`CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`,
  addMonths: (date, months) => Prisma.sql`date(${date}, ${Prisma.raw(`'+${wholeMonths(months)} months'`)}, 'floor')`,
  foldCase: (text) => Prisma.sql`lower(${text})`,
  byteOrder: (text) => text,
  jsonObject: (pairs) => Prisma.sql`json_object(${jsonPairs(pairs)})`,
  // json(): a subquery's result loses SQLite's JSON subtype, and json_object would otherwise quote it as text.
  jsonSubquery: (select) => Prisma.sql`json((${select}))`,
  jsonArrayAgg: (value, order) => Prisma.sql`json_group_array(${value} ORDER BY ${order})`,
  jsonBoolean: (value) => Prisma.sql`(CASE WHEN ${value} IS NULL THEN NULL WHEN ${value} THEN json('true') ELSE json('false') END)`,
  jsonText: (value) => value,
};

const postgresql: Dialect = {
  kind: "postgresql",
  daysBetween: (from, to) => Prisma.sql`(CAST(${to} AS date) - CAST(${from} AS date))`,
  addMonths: (date, months) => Prisma.sql`to_char(CAST(${date} AS date) + ${Prisma.raw(`INTERVAL '${wholeMonths(months)} months'`)}, 'YYYY-MM-DD')`,
  foldCase: (text) => Prisma.sql`lower(${text} COLLATE "C")`,
  byteOrder: (text) => Prisma.sql`${text} COLLATE "C"`,
  jsonObject: (pairs) => Prisma.sql`json_build_object(${jsonPairs(pairs)})`,
  jsonSubquery: (select) => Prisma.sql`(${select})`,
  jsonArrayAgg: (value, order) => Prisma.sql`COALESCE(json_agg(${value} ORDER BY ${order}), '[]'::json)`,
  jsonBoolean: (value) => value,
  jsonText: (value) => Prisma.sql`CAST(${value} AS text)`,
};

/** Keys are the compiler's own names (columns, response keys), never user text; still, quotes are refused. */
function jsonPairs(pairs: readonly (readonly [string, Sql])[]): Sql {
  return Prisma.join(
    pairs.map(([key, value]) => {
      if (!/^[A-Za-z_@][A-Za-z0-9_@]*$/.test(key)) throw new Error(`not a JSON key the compiler writes: ${key}`);
      return Prisma.sql`${Prisma.raw(`'${key}'`)}, ${value}`;
    }),
  );
}

function wholeMonths(months: number): number {
  if (!Number.isInteger(months) || months < 0) throw new Error(`addMonths needs a whole number of months, got ${months}`);
  return months;
}

export function dialectFor(kind: DatabaseKind): Dialect {
  return kind === "postgresql" ? postgresql : sqlite;
}

/** Lower-cases ASCII letters only, as `foldCase` does in SQL, so a pattern folds exactly like the column. */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Escapes LIKE's wildcards so user text matches literally; use with `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A number from a database aggregate: SQLite and PostgreSQL return bigint counts, PostgreSQL Decimal averages. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "object" && value !== null && "toNumber" in value && typeof value.toNumber === "function") {
    return (value as { toNumber(): number }).toNumber();
  }
  throw new Error(`not a number: ${String(value)}`);
}
