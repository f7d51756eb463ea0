// The compiled read: a list, its page, total, aggregates and the relations below its rows, as ONE SQL statement
// that returns the answer's shape as JSON (json_object/json_group_array on SQLite, json_build_object/json_agg on
// PostgreSQL). A page holds the rows pages.ts would number after (before) the cursor's row, found by comparing
// sort keys with the cursor row's (keyset.ts), so a deep page costs what a first page does; counts and measures
// are those of aggregates.ts, filters are compileWhere's: only the statement count changes.
// Nested lists are correlated subqueries per parent row, evaluated only for the rows on the page.
import { Prisma } from "../../db";
import { type Measure, type NumberSummary, readSummary, summaryColumns } from "./aggregates";
import type { Dialect } from "./dialect";
import { toNumber } from "./dialect";
import { JoinedRow } from "./joins";
import { col, field, relation } from "./models";
import { beyondCursor } from "./keyset";
import { rankValues } from "./percentiles";
import { orderBy, orderKeys, type OrderTerm } from "./values";
import { and, compileWhere, newScope, type Scope, type WhereInput } from "./where";

type Sql = Prisma.Sql;

/** What to read of each row: columns, and relations under response keys. */
export interface RowPlan {
  model: string;
  columns: readonly string[];
  children: readonly ChildPlan[];
}

export type ChildPlan =
  /** A to-one relation: the related row, or null. */
  | { key: string; kind: "one"; relation: string; row: RowPlan }
  /** A plain to-many relation, filtered and sorted, every row. */
  | { key: string; kind: "many"; relation: string; where?: WhereInput; order: readonly OrderTerm[]; row: RowPlan }
  /** A paged list under the row: its rows' `parentColumn` holds the row's id. */
  | { key: string; kind: "list"; list: ListPlan }
  /** A value computed from the row (alias) in SQL, as JSON: a rule's flag, a list of values, an object. */
  | { key: string; kind: "value"; value(alias: string, scope: Scope): Sql };

export interface ListPlan {
  model: string;
  where?: WhereInput;
  order: readonly OrderTerm[];
  /** For a list under a parent row: the column of its rows that holds the parent's id. */
  parentColumn?: string;
  /** The page, when asked for: at most `limit` rows after (backward: before) the cursor row. */
  page?: { limit: number; cursor?: number; backward: boolean; row: RowPlan };
  /** Whether the count is asked for (the list's totalCount or aggregates.count). */
  count: boolean;
  measures: readonly Measure[];
}

export interface Row {
  id: number;
  columns: Record<string, unknown>;
  /** Relations and nested lists by response key; a "value" child's JSON as the statement returned it. */
  children: Record<string, unknown>;
}

export interface ListResult {
  /** The page's rows in list order: up to `limit`, one more than a page so the caller can tell there is more. */
  rows: Row[];
  /** False when a cursor was given but is not a row of this list. */
  cursorFound: boolean;
  count: number | null;
  measures: Record<string, NumberSummary>;
}

/**
 * Runs the list's one statement with `readJson` (the request's, src/context.ts) and reads its JSON. `statement`
 * is listStatement(dialect, plan), when the caller kept it from an earlier request.
 */
export async function readList(
  readJson: (sql: Sql) => Promise<unknown>,
  dialect: Dialect,
  plan: ListPlan,
  statement: Sql = listStatement(dialect, plan),
): Promise<ListResult> {
  const json = await readJson(statement);
  return readListJson(plan, (json ?? {}) as ListJson);
}

export function listStatement(dialect: Dialect, plan: ListPlan): Sql {
  const scope = newScope(dialect);
  return Prisma.sql`SELECT ${dialect.jsonText(listJson(plan, undefined, scope))} AS "data"`;
}

/** `{"rows": [...], "cursor": rn, "figures": {"n": count, "c0": …}}` for a list, under the parent row `parent` if nested. */
function listJson(plan: ListPlan, parent: string | undefined, scope: Scope): Sql {
  const d = scope.dialect;
  const scoped = (alias: string): Sql[] => {
    if (!plan.parentColumn) return [];
    if (!parent) throw new Error(`the list of ${plan.model} needs a parent row`);
    return [Prisma.sql`${col(alias, plan.parentColumn)} = ${col(parent, "id")}`];
  };
  const pairs: [string, Sql][] = [];
  if (plan.page) {
    const { page } = plan;
    // The page's rows by ORDER BY … LIMIT (backward: the reverse order), after (before) the cursor's row by a
    // keyset condition, their JSON aggregated in list order. The database sorts only the rows past the cursor
    // (or walks an index) and stops at the page's end, instead of numbering every row of the list; the rows come
    // with their columns, so there is no join back. A cursor that is not a row of this list (or of this parent's)
    // joins no row, so the page is empty and "cursor" null.
    const t = scope.alias();
    const conditions = [...scoped(t), compileWhere(plan.model, plan.where, t, scope)];
    let from = table(plan.model, t);
    if (page.cursor !== undefined) {
      const c = scope.alias();
      from = Prisma.sql`${from} JOIN ${table(plan.model, c)} ON ${and([Prisma.sql`${col(c, "id")} = ${page.cursor}`, ...scoped(c)])}`;
      const keys = (alias: string) => orderKeys(plan.model, plan.order, alias, scope);
      conditions.push(beyondCursor(keys(t), keys(c), page.backward));
      const found = scope.alias();
      pairs.push([
        "cursor",
        Prisma.sql`(SELECT 1 FROM ${table(plan.model, found)} WHERE ${and([Prisma.sql`${col(found, "id")} = ${page.cursor}`, ...scoped(found)])})`,
      ]);
    }
    const limited = Prisma.sql`SELECT ${Prisma.raw(`"${t}".*`)} FROM ${from} WHERE ${and(conditions)}
        ORDER BY ${orderBy(plan.model, plan.order, t, scope, page.backward)} LIMIT ${page.limit}`;
    const w = scope.alias();
    const rows = Prisma.sql`SELECT ${d.jsonArrayAgg(rowJson(page.row, w, scope), orderBy(plan.model, plan.order, w, scope))} FROM (${limited}) ${Prisma.raw(`"${w}"`)}`;
    pairs.push(["rows", d.jsonSubquery(rows)]);
  }
  if (plan.count || plan.measures.length > 0) {
    // The count and measures as aggregates.ts's statement computes them (the same columns, percentiles by the
    // same window ranks), over the list's rows: one group, keyed by the parent (0 at the root), or none when no
    // row matches (read as zero).
    const t = scope.alias();
    const x = scope.alias();
    const row = new JoinedRow(plan.model, t, scope);
    const parentKey = plan.parentColumn ? col(t, plan.parentColumn) : Prisma.raw("0");
    const values = plan.measures.map((m, i) => Prisma.sql`${m.value(row)} AS ${Prisma.raw(`"m${i}"`)}`);
    const inner = Prisma.sql`SELECT ${Prisma.join([Prisma.sql`${parentKey} AS "parent"`, ...values])} FROM ${row.from()}
      WHERE ${and([...scoped(t), compileWhere(plan.model, plan.where, t, scope)])}`;
    const ranked = rankValues(inner, plan.measures, ["parent"]);
    pairs.push([
      "figures",
      d.jsonSubquery(Prisma.sql`SELECT ${d.jsonObject(summaryColumns(plan.measures))} FROM (${ranked}) ${Prisma.raw(`"${x}"`)} GROUP BY "parent"`),
    ]);
  }
  return d.jsonObject(pairs);
}

/** A row as a JSON object: its id, the columns asked for, and each child under `@` + its key. */
function rowJson(plan: RowPlan, alias: string, scope: Scope): Sql {
  const d = scope.dialect;
  const pairs: [string, Sql][] = [];
  for (const name of new Set(["id", ...plan.columns])) {
    const f = field(plan.model, name);
    if (f.kind !== "column") throw new Error(`${plan.model}.${name} is not a column`);
    pairs.push([name, f.type === "Boolean" ? d.jsonBoolean(col(alias, name)) : col(alias, name)]);
  }
  for (const child of plan.children) {
    pairs.push([`@${child.key}`, child.kind === "value" ? child.value(alias, scope) : childJson(plan.model, child, alias, scope)]);
  }
  return d.jsonObject(pairs);
}

function childJson(modelName: string, child: Exclude<ChildPlan, { kind: "value" }>, alias: string, scope: Scope): Sql {
  const d = scope.dialect;
  if (child.kind === "list") return listJson(child.list, alias, scope);
  const r = relation(modelName, child.relation);
  const sub = scope.alias();
  const joined = Prisma.sql`${col(sub, r.remote)} = ${col(alias, r.local)}`;
  if (child.kind === "one") {
    if (r.list) throw new Error(`${modelName}.${child.relation} is a list`);
    // A withdrawn record reads as none, as its resolver has it.
    const current = compileWhere(r.model, null, sub, scope);
    return d.jsonSubquery(Prisma.sql`SELECT ${rowJson(child.row, sub, scope)} FROM ${table(r.model, sub)} WHERE ${and([joined, current])}`);
  }
  if (!r.list) throw new Error(`${modelName}.${child.relation} is not a list`);
  const where = compileWhere(r.model, child.where, sub, scope);
  return d.jsonSubquery(
    Prisma.sql`SELECT ${d.jsonArrayAgg(rowJson(child.row, sub, scope), orderBy(r.model, child.order, sub, scope))}
      FROM ${table(r.model, sub)} WHERE ${and([joined, where])}`,
  );
}

function table(model: string, alias: string): Sql {
  return Prisma.raw(`"${model}" "${alias}"`);
}

// ---- Reading the JSON back ----------------------------------------------------------------------------------

interface ListJson {
  rows?: RowJson[] | null;
  cursor?: unknown;
  figures?: Record<string, unknown> | null;
}

type RowJson = Record<string, unknown>;

function readListJson(plan: ListPlan, json: ListJson): ListResult {
  const rowPlan = plan.page?.row;
  const rows = rowPlan ? (json.rows ?? []).map((r) => readRow(rowPlan, r)) : [];
  const summary = readSummary(json.figures, plan.measures);
  return {
    rows,
    cursorFound: plan.page?.cursor === undefined || (json.cursor !== null && json.cursor !== undefined),
    count: plan.count || plan.measures.length > 0 ? summary.count : null,
    measures: summary.measures,
  };
}

function readRow(plan: RowPlan, json: RowJson): Row {
  const columns: Record<string, unknown> = {};
  for (const name of plan.columns) columns[name] = json[name] ?? null;
  const children: Row["children"] = {};
  for (const child of plan.children) {
    const value = json[`@${child.key}`];
    if (child.kind === "one") children[child.key] = value == null ? null : readRow(child.row, value as RowJson);
    else if (child.kind === "many") children[child.key] = ((value as RowJson[] | null) ?? []).map((r) => readRow(child.row, r));
    else if (child.kind === "list") children[child.key] = readListJson(child.list, (value as ListJson | null) ?? {});
    else children[child.key] = value ?? null;
  }
  return { id: toNumber(json.id)!, columns, children };
}
