// Pages of a filtered, sorted list, for a root list or for the same nested list under many parents at once: one
// SQL statement however many parents and however large the page. Rows are numbered in the requested order by a
// window (ROW_NUMBER, partitioned by parent for nested lists) and a page is a range of those numbers, so a
// cursor is just a row id and pages can never repeat or skip rows while the data is unchanged.
import type { Db } from "../../db";
import { Prisma } from "../../db";
import type { Dialect } from "./dialect";
import { toNumber } from "./dialect";
import { col } from "./models";
import { orderBy, type OrderTerm } from "./values";
import { and, compileWhere, newScope, or, type WhereInput } from "./where";

type Sql = Prisma.Sql;

/** The parent of a nested list: the column of the listed rows that holds the parent's id, and the parents. */
export interface ParentScope {
  column: string;
  ids: readonly number[];
}

export interface PageSpec {
  model: string;
  where?: WhereInput;
  order: readonly OrderTerm[];
  parent?: ParentScope;
  /** Row id after (or, backward, before) which the page starts. */
  cursor?: number;
  backward: boolean;
  /** Rows to return at most (a page size plus one, to tell whether another page exists). */
  limit: number;
}

export interface Page {
  /** Row ids in list order. */
  ids: number[];
  /** False when a cursor was given but is not a row of this parent's list. */
  cursorFound: boolean;
}

/** The parent key of a root list. */
export const ROOT = 0;

/** Restricts rows to the parents asked about; the parent key is 0 for a root list. */
export function parentScope(parent: ParentScope | undefined, alias: string): { key: Sql; condition: Sql[]; partition: Sql } {
  if (!parent) return { key: Prisma.raw(String(ROOT)), condition: [], partition: Prisma.empty };
  const key = col(alias, parent.column);
  const ids = parent.ids.length > 0 ? Prisma.sql`${key} IN (${Prisma.join([...parent.ids])})` : Prisma.raw("1=0");
  return { key, condition: [ids], partition: Prisma.sql`PARTITION BY ${key}` };
}

export async function pages(db: Db, dialect: Dialect, spec: PageSpec): Promise<Map<number, Page>> {
  const scope = newScope(dialect);
  const alias = "t0";
  const p = parentScope(spec.parent, alias);
  let filter = compileWhere(spec.model, spec.where, alias, scope);
  // The cursor's own row is numbered even when it no longer matches the filter, so paging from it still works.
  if (spec.cursor !== undefined) filter = or([filter, Prisma.sql`${col(alias, "id")} = ${spec.cursor}`]);
  const numbered = Prisma.sql`
    SELECT ${col(alias, "id")} AS "id", ${p.key} AS "parent",
      ROW_NUMBER() OVER (${p.partition} ORDER BY ${orderBy(spec.model, spec.order, alias, scope)}) AS "rn",
      COUNT(*) OVER (${p.partition}) AS "total"
    FROM ${Prisma.raw(`"${spec.model}" "${alias}"`)}
    WHERE ${and([...p.condition, filter])}`;
  let statement: Sql;
  if (spec.cursor === undefined) {
    const range = spec.backward ? Prisma.sql`"rn" > "total" - ${spec.limit}` : Prisma.sql`"rn" <= ${spec.limit}`;
    statement = Prisma.sql`WITH w AS (${numbered}) SELECT "id", "parent", "rn" FROM w WHERE ${range}`;
  } else {
    const range = spec.backward
      ? Prisma.sql`p."rn" < c."rn" AND p."rn" >= c."rn" - ${spec.limit}`
      : Prisma.sql`p."rn" > c."rn" AND p."rn" <= c."rn" + ${spec.limit}`;
    // The last SELECT adds one marker row (id null) per parent whose list holds the cursor.
    statement = Prisma.sql`WITH w AS (${numbered}), c AS (SELECT "parent", "rn" FROM w WHERE "id" = ${spec.cursor})
      SELECT p."id", p."parent", p."rn" FROM w p JOIN c ON c."parent" = p."parent" WHERE ${range}
      UNION ALL SELECT NULL, "parent", "rn" FROM c`;
  }
  const rows = await db.$queryRaw<{ id: unknown; parent: unknown; rn: unknown }[]>(statement);
  const out = new Map<number, Page>();
  const parents = spec.parent ? spec.parent.ids : [ROOT];
  for (const id of parents) out.set(id, { ids: [], cursorFound: spec.cursor === undefined });
  const sorted = rows
    .map((r) => ({ id: toNumber(r.id), parent: toNumber(r.parent)!, rn: toNumber(r.rn)! }))
    .sort((a, b) => a.parent - b.parent || a.rn - b.rn);
  for (const row of sorted) {
    const page = out.get(row.parent);
    if (!page) continue;
    if (row.id === null) page.cursorFound = true;
    else page.ids.push(row.id);
  }
  return out;
}
