// The import's writes as plain multi-row SQL, the same text on SQLite and PostgreSQL: one INSERT … RETURNING for
// many new rows, one UPDATE … FROM (VALUES …) for many changed rows, each guarded by the version the plan read.
// Prisma's createMany and updateMany cost a round of the engine's own work per call and updateMany takes one row
// at a time; 100,000 incidents need a few hundred statements instead of 100,000. Table and column names come from
// the import's own kinds (never from a file), so they are written into the text; every value is a bound parameter.
import type { Tx } from "./kind";

/** Bound values per statement: under SQLite's limit of 32,766 and PostgreSQL's of 65,535. */
const VALUES_PER_STATEMENT = 30_000;

export interface SqlTarget {
  tx: Tx;
  postgres: boolean;
}

type Row = Record<string, unknown>;

const quoted = (name: string) => `"${name}"`;

/** better-sqlite3 binds no booleans; SQLite stores them as 0 and 1, as Prisma does. Dates bind as Prisma writes them. */
const bindable = (postgres: boolean, value: unknown) => (!postgres && typeof value === "boolean" ? Number(value) : (value ?? null));

/** Rows per statement for `columns` columns. */
const perStatement = (columns: number) => Math.max(1, Math.floor(VALUES_PER_STATEMENT / Math.max(1, columns)));

/**
 * PostgreSQL types of a table's columns (`integer`, `"IncidentNature"`, `timestamp(3) without time zone`), read
 * once per process: a value in a VALUES list has no column to take its type from, so each is cast to its own.
 */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

function typesOf(target: SqlTarget, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = target.tx
      .$queryRawUnsafe<{ name: string; type: string }[]>(
        `SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
         WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        quoted(table),
      )
      .then((rows) => new Map(rows.map((r) => [r.name, r.type])));
    // A failed read is not kept: the next import asks again.
    types.catch(() => columnTypes.delete(table));
    columnTypes.set(table, types);
  }
  return types;
}

/** Inserts rows (all with the same columns); returns the `returning` columns of each row inserted, in no set order. */
export async function insertRows(target: SqlTarget, table: string, rows: readonly Row[], returning: readonly string[] = []): Promise<Row[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const names = columns.map(quoted).join(", ");
  const back = returning.length > 0 ? ` RETURNING ${returning.map(quoted).join(", ")}` : "";
  const out: Row[] = [];
  const size = perStatement(columns.length);
  for (let start = 0; start < rows.length; start += size) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + size).map((row) => {
      const marks = columns.map((c) => {
        values.push(bindable(target.postgres, row[c]));
        return target.postgres ? `$${values.length}` : "?";
      });
      return `(${marks.join(", ")})`;
    });
    const sql = `INSERT INTO ${quoted(table)} (${names}) VALUES ${tuples.join(", ")}${back}`;
    if (back) out.push(...(await target.tx.$queryRawUnsafe<Row[]>(sql, ...values)));
    else await target.tx.$executeRawUnsafe(sql, ...values);
  }
  return out;
}

/**
 * Sets `data` on each current (not withdrawn) row whose id and version are still those given, and moves its
 * version on by one; returns the ids updated (a row missing from them was changed by another writer meanwhile).
 */
export async function updateRows(
  target: SqlTarget,
  table: string,
  rows: readonly { id: number; version: number; data: Row }[],
): Promise<Set<number>> {
  const updated = new Set<number>();
  if (rows.length === 0) return updated;
  const columns = Object.keys(rows[0]!.data);
  const types = target.postgres ? await typesOf(target, table) : null;
  const all = ["id", "version", ...columns];
  const t = quoted(table);
  const size = perStatement(all.length);
  for (let start = 0; start < rows.length; start += size) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + size).map((row) => {
      const marks = all.map((c) => {
        values.push(bindable(target.postgres, c === "id" ? row.id : c === "version" ? row.version : row.data[c]));
        return types ? `$${values.length}::${types.get(c) ?? "text"}` : "?";
      });
      return `(${marks.join(", ")})`;
    });
    const sets = [...columns.map((c) => `${quoted(c)} = v.${quoted(c)}`), `"version" = ${t}."version" + 1`].join(", ");
    const sql =
      `WITH v (${all.map(quoted).join(", ")}) AS (VALUES ${tuples.join(", ")}) ` +
      `UPDATE ${t} SET ${sets} FROM v WHERE ${t}."id" = v."id" AND ${t}."version" = v."version" AND ${t}."withdrawnAt" IS NULL ` +
      `RETURNING ${t}."id" AS "id"`;
    for (const r of await target.tx.$queryRawUnsafe<{ id: number | bigint }[]>(sql, ...values)) updated.add(Number(r.id));
  }
  return updated;
}

/** Deletes the rows whose `column` is one of `ids` (a review's agencies, before its new list is written). */
export async function deleteWhereIn(target: SqlTarget, table: string, column: string, ids: readonly number[]): Promise<void> {
  const size = perStatement(1);
  for (let start = 0; start < ids.length; start += size) {
    const batch = ids.slice(start, start + size);
    const marks = batch.map((_, i) => (target.postgres ? `$${i + 1}` : "?")).join(", ");
    await target.tx.$executeRawUnsafe(`DELETE FROM ${quoted(table)} WHERE ${quoted(column)} IN (${marks})`, ...batch);
  }
}
