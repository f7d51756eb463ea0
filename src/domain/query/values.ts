// Values reached from a row by a path of to-one relations ("leadBoard.region.code"), counts of related rows,
// and the sort expressions built on them. All are correlated scalar subqueries, so they work the same in a
// SELECT list, an ORDER BY or a window on both databases, and never multiply rows the way a join would.
import { Prisma } from "../../db";
import { col, type ColumnField, type ComputedField, field, relation, valueOf } from "./models";
import { compileWhere, type Scope, type WhereInput } from "./where";

type Sql = Prisma.Sql;

/** Where a path ends: the field's definition, for how to sort and decode it. */
export interface PathValue {
  sql: Sql;
  leaf: ColumnField | ComputedField;
}

/** The value at `path` from a row of `modelName` (alias `alias`); null where a relation on the way is absent. */
export function pathValue(modelName: string, path: readonly string[], alias: string, scope: Scope): PathValue {
  const [head, ...rest] = path;
  if (head === undefined) throw new Error("empty path");
  const f = field(modelName, head);
  if (f.kind === "predicate") throw new Error(`${modelName}.${head} is a condition, with no value to read`);
  if (f.kind !== "relation") {
    if (rest.length > 0) throw new Error(`${modelName}.${head} is not a relation`);
    return { sql: valueOf(f, alias, scope.dialect), leaf: f };
  }
  if (f.list) throw new Error(`${modelName}.${head} is a list; count it instead`);
  const sub = scope.alias();
  const inner = pathValue(f.model, rest, sub, scope);
  return {
    sql: Prisma.sql`(SELECT ${inner.sql} FROM ${Prisma.raw(`"${f.model}" "${sub}"`)} WHERE ${col(sub, f.remote)} = ${col(alias, f.local)})`,
    leaf: inner.leaf,
  };
}

/** How many rows of the to-many relation `name` belong to the row (optionally only those matching `where`). */
function relatedCount(modelName: string, name: string, alias: string, scope: Scope, where?: WhereInput): Sql {
  const r = relation(modelName, name);
  if (!r.list) throw new Error(`${modelName}.${name} is not a list`);
  const sub = scope.alias();
  return Prisma.sql`(SELECT COUNT(*) FROM ${Prisma.raw(`"${r.model}" "${sub}"`)} WHERE ${col(sub, r.remote)} = ${col(alias, r.local)} AND ${compileWhere(r.model, where, sub, scope)})`;
}

/**
 * An expression that sorts like the value means: enums by their declared order (OUTSTANDING before GOOD),
 * text by code point on both databases (PostgreSQL's locale collation would otherwise disagree with SQLite),
 * numbers and ISO dates as they are.
 */
export function sortable(value: Sql, leaf: ColumnField | ComputedField, scope: Scope): Sql {
  if (leaf.kind === "column" && leaf.enumValues) {
    const cases = leaf.enumValues.map((v, i) => Prisma.sql`WHEN ${Prisma.raw(`'${v}'`)} THEN ${Prisma.raw(String(i))}`);
    return Prisma.sql`(CASE ${value} ${Prisma.join(cases, " ")} END)`;
  }
  if (leaf.kind === "column" && leaf.type === "String") return scope.dialect.byteOrder(value);
  return value;
}

export type Direction = "asc" | "desc";

/**
 * One sort key: a path to a value, a count of related rows, or a rank per row id worked out outside SQL (a
 * Stats figure, whose counts come from the request's grouped statements): `otherwise` for ids not listed,
 * null for no value.
 */
export type OrderTerm =
  | { path: readonly string[]; direction: Direction }
  | { count: string; direction: Direction }
  | { ranks: ReadonlyMap<number, number | null>; otherwise: number | null; direction: Direction };

/** The rank of the row's id, as a CASE of integer literals (no parameters, so both databases type it alike). */
function rankOf(ranks: ReadonlyMap<number, number | null>, otherwise: number | null, alias: string): Sql {
  const int = (n: number | null) => Prisma.raw(n === null ? "NULL" : String(Math.trunc(n)));
  const cases = [...ranks].map(([id, rank]) => Prisma.sql`WHEN ${int(id)} THEN ${int(rank)}`);
  if (cases.length === 0) return Prisma.sql`${int(otherwise)}`;
  return Prisma.sql`(CASE ${col(alias, "id")} ${Prisma.join(cases, " ")} ELSE ${int(otherwise)} END)`;
}

/** One sort key of a row as SQL, with its direction; absent values (null) sort last in either direction. */
export interface OrderKey {
  expr: Sql;
  direction: Direction;
  /** Whether the key can be absent (null) on some row; false lets a keyset compare it without null cases. */
  nullable: boolean;
}

/** The sort keys for `terms` on the row `alias`, then the row's id ascending, which makes the order total. */
export function orderKeys(modelName: string, terms: readonly OrderTerm[], alias: string, scope: Scope): OrderKey[] {
  const keys = terms.map((term): OrderKey => {
    const nullable = "ranks" in term ? true : "count" in term ? false : pathNullable(modelName, term.path);
    const expr =
      "ranks" in term
        ? rankOf(term.ranks, term.otherwise, alias)
        : "count" in term
          ? relatedCount(modelName, term.count, alias, scope)
          : (() => {
              const v = pathValue(modelName, term.path, alias, scope);
              return sortable(v.sql, v.leaf, scope);
            })();
    return { expr, direction: term.direction, nullable };
  });
  keys.push({ expr: col(alias, "id"), direction: "asc", nullable: false });
  return keys;
}

/** Whether the value at `path` can be null: a nullable field at its end or a nullable relation on the way. */
function pathNullable(modelName: string, path: readonly string[]): boolean {
  const [head, ...rest] = path;
  const f = field(modelName, head!);
  if (f.kind === "predicate") return true;
  if (f.kind !== "relation" || rest.length === 0) return f.nullable;
  return f.nullable || pathNullable(f.model, rest);
}

/**
 * ORDER BY terms for `terms`, absent values last in either direction, then the row's id as the tiebreak;
 * `reverse` gives the exact reverse order (for reading a page backward from its end).
 */
export function orderBy(modelName: string, terms: readonly OrderTerm[], alias: string, scope: Scope, reverse = false): Sql {
  const parts = orderKeys(modelName, terms, alias, scope).map(({ expr, direction, nullable }) => {
    const desc = (direction === "desc") !== reverse;
    // Only a key that can be absent says where absent values go: a NULLS clause the index's own order does not
    // have keeps SQLite from reading the rows in index order.
    const nulls = nullable ? (reverse ? " NULLS FIRST" : " NULLS LAST") : "";
    return Prisma.sql`${expr} ${Prisma.raw((desc ? "DESC" : "ASC") + nulls)}`;
  });
  return Prisma.join(parts, ", ");
}
