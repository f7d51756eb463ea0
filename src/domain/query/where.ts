// Compiles a filter to one SQL condition, so pages, counts, aggregates and groups all select exactly the same
// rows with the same SQL on both databases.
//
// The filter language (its type is filter.ts; the translators of the GraphQL `where` inputs produce it) is
// written like Prisma's where objects, with three deliberate differences:
//   - `NOT` is a complement: NOT X matches every row X does not match, including rows where X's column is
//     absent (SQL's NOT would drop those, so X OR NOT X would not be everything).
//   - `contains`, `startsWith` and `endsWith` always ignore ASCII case, identically on both databases.
//   - Computed fields of models.ts (daysToComplete, …) can be filtered like columns, and its conditions with an
//     argument (an author met the standard on a date) take that argument as their value.
import { Prisma } from "../../db";
import type { Dialect } from "./dialect";
import { escapeLike, foldAscii } from "./dialect";
import { type ColumnField, type ComputedField, col, field, type RelationField, valueOf } from "./models";
import { currentSql, WITHDRAWABLE_MODELS } from "../withdrawal";

type Sql = Prisma.Sql;
export type WhereInput = Record<string, unknown>;

/** Allocates table aliases for one statement, so nested subqueries never shadow each other. */
export interface Scope {
  dialect: Dialect;
  alias(): string;
}

export function newScope(dialect: Dialect): Scope {
  let next = 0;
  return { dialect, alias: () => `t${++next}` };
}

const TRUE: Sql = Prisma.raw("1=1");
const FALSE: Sql = Prisma.raw("1=0");

// A part that is the neutral TRUE (AND) or FALSE (OR) is left out: most lists have no filter, so every relation
// and list of a compiled read would otherwise carry an `AND 1=1`.
export function and(parts: readonly Sql[]): Sql {
  const kept = parts.filter((p) => p !== TRUE);
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0]!;
  return Prisma.sql`(${Prisma.join(kept, " AND ")})`;
}

export function or(parts: readonly Sql[]): Sql {
  const kept = parts.filter((p) => p !== FALSE);
  if (kept.length === 0) return FALSE;
  if (kept.length === 1) return kept[0]!;
  return Prisma.sql`(${Prisma.join(kept, " OR ")})`;
}

/** The complement: true exactly where `condition` is not true (false or unknown). */
function not(condition: Sql): Sql {
  return Prisma.sql`NOT COALESCE((${condition}), FALSE)`;
}

const list = (value: unknown): WhereInput[] => (Array.isArray(value) ? value : [value]) as WhereInput[];

/**
 * One SQL condition for the current rows of `model` (alias `alias`) that `where` selects: a withdrawn record
 * (../withdrawal.ts) is never selected, so it leaves every list, count, group and relation filter at once.
 */
export function compileWhere(modelName: string, where: WhereInput | null | undefined, alias: string, scope: Scope): Sql {
  const filter = compileFilter(modelName, where, alias, scope);
  return WITHDRAWABLE_MODELS.has(modelName) ? and([currentSql(alias), filter]) : filter;
}

function compileFilter(modelName: string, where: WhereInput | null | undefined, alias: string, scope: Scope): Sql {
  if (where == null) return TRUE;
  const parts: Sql[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === "AND") parts.push(and(list(value).map((w) => compileFilter(modelName, w, alias, scope))));
    else if (key === "OR") parts.push(or(list(value).map((w) => compileFilter(modelName, w, alias, scope))));
    else if (key === "NOT") parts.push(and(list(value).map((w) => not(compileFilter(modelName, w, alias, scope)))));
    else {
      const f = field(modelName, key);
      if (f.kind === "predicate") parts.push(f.sql(alias, value, scope.dialect));
      else parts.push(f.kind === "relation" ? relationCondition(f, value, alias, scope) : scalarCondition(f, value, alias, scope));
    }
  }
  return and(parts);
}

function param(f: ColumnField | ComputedField, value: unknown): Sql {
  if (f.kind === "computed" && f.type === "Flag") {
    if (typeof value !== "boolean") throw new Error(`${f.name} takes true or false`);
    return Prisma.sql`${value ? 1 : 0}`;
  }
  return Prisma.sql`${value}`;
}

function scalarCondition(f: ColumnField | ComputedField, value: unknown, alias: string, scope: Scope): Sql {
  const v = valueOf(f, alias, scope.dialect);
  if (value === null) return Prisma.sql`${v} IS NULL`;
  if (typeof value !== "object" || value instanceof Date) return Prisma.sql`${v} = ${param(f, value)}`;
  const parts: Sql[] = [];
  for (const [op, arg] of Object.entries(value as Record<string, unknown>)) {
    if (arg === undefined) continue;
    switch (op) {
      case "equals":
        parts.push(arg === null ? Prisma.sql`${v} IS NULL` : Prisma.sql`${v} = ${param(f, arg)}`);
        break;
      case "not":
        if (arg === null) parts.push(Prisma.sql`${v} IS NOT NULL`);
        else if (typeof arg === "object") parts.push(not(scalarCondition(f, arg, alias, scope)));
        else parts.push(Prisma.sql`${v} <> ${param(f, arg)}`);
        break;
      case "in":
      case "notIn": {
        const values = arg as unknown[];
        if (values.length === 0) parts.push(op === "in" ? FALSE : TRUE);
        else {
          const joined = Prisma.join(values.map((x) => param(f, x)));
          parts.push(op === "in" ? Prisma.sql`${v} IN (${joined})` : Prisma.sql`${v} NOT IN (${joined})`);
        }
        break;
      }
      case "lt":
        parts.push(Prisma.sql`${v} < ${param(f, arg)}`);
        break;
      case "lte":
        parts.push(Prisma.sql`${v} <= ${param(f, arg)}`);
        break;
      case "gt":
        parts.push(Prisma.sql`${v} > ${param(f, arg)}`);
        break;
      case "gte":
        parts.push(Prisma.sql`${v} >= ${param(f, arg)}`);
        break;
      case "contains":
      case "startsWith":
      case "endsWith": {
        const text = escapeLike(foldAscii(String(arg)));
        const pattern = op === "contains" ? `%${text}%` : op === "startsWith" ? `${text}%` : `%${text}`;
        parts.push(Prisma.sql`${scope.dialect.foldCase(v)} LIKE ${pattern} ESCAPE '\\'`);
        break;
      }
      default:
        throw new Error(`unsupported filter operator ${op} on ${f.name}`);
    }
  }
  return and(parts);
}

/** EXISTS (a current related row, joined to `alias`, for which `condition` holds). */
function exists(r: RelationField, alias: string, scope: Scope, condition: (sub: string) => Sql): Sql {
  const sub = scope.alias();
  const current = WITHDRAWABLE_MODELS.has(r.model) ? Prisma.sql` AND ${currentSql(sub)}` : Prisma.empty;
  return Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(`"${r.model}" "${sub}"`)} WHERE ${col(sub, r.remote)} = ${col(alias, r.local)}${current} AND ${condition(sub)})`;
}

function relationCondition(r: RelationField, value: unknown, alias: string, scope: Scope): Sql {
  // exists() keeps to current rows, so `every` is over current children only (a withdrawn one cannot break it).
  const where = (w: unknown) => (sub: string) => compileFilter(r.model, w as WhereInput, sub, scope);
  const absent = () => (r.local !== "id" ? Prisma.sql`${col(alias, r.local)} IS NULL` : not(exists(r, alias, scope, () => TRUE)));
  const present = () => (r.local !== "id" ? Prisma.sql`${col(alias, r.local)} IS NOT NULL` : exists(r, alias, scope, () => TRUE));
  if (r.list) {
    const parts: Sql[] = [];
    for (const [op, arg] of Object.entries(value as Record<string, unknown>)) {
      if (arg === undefined) continue;
      if (op === "some") parts.push(exists(r, alias, scope, where(arg)));
      else if (op === "none") parts.push(not(exists(r, alias, scope, where(arg))));
      else if (op === "every") parts.push(not(exists(r, alias, scope, (sub) => not(where(arg)(sub)))));
      else throw new Error(`unsupported list filter ${op} on ${r.name}`);
    }
    return and(parts);
  }
  if (value === null) return absent();
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).filter((k) => object[k] !== undefined);
  if (keys.length > 0 && keys.every((k) => k === "is" || k === "isNot")) {
    const parts: Sql[] = [];
    if (object.is === null) parts.push(absent());
    else if (object.is !== undefined) parts.push(exists(r, alias, scope, where(object.is)));
    if (object.isNot === null) parts.push(present());
    else if (object.isNot !== undefined) parts.push(not(exists(r, alias, scope, where(object.isNot))));
    return and(parts);
  }
  return exists(r, alias, scope, where(object));
}
