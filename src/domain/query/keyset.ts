// Keyset conditions: "the rows after (or before) the cursor's row in this order", as a comparison of each row's
// sort keys with the cursor row's, so a page deep in a list reads only the rows it needs to sort instead of
// numbering every row before it. The order is total (its last key is the id), so these are exactly the rows a
// numbering of the whole list would put after (before) the cursor: pages never repeat or skip a row.
import { Prisma } from "../../db";
import type { OrderKey } from "./values";

type Sql = Prisma.Sql;

/**
 * True for a row (keys `row`) that comes strictly after the cursor's row (keys `cursor`, the same terms on the
 * cursor's alias) in the order, or strictly before it when `before`. Absent values sort last in either
 * direction, as orderBy puts them.
 */
export function beyondCursor(row: readonly OrderKey[], cursor: readonly OrderKey[], before: boolean): Sql {
  // Keys that are never absent and all ascending (the id always is) compare as one row value, which both
  // databases can answer from an index on those columns, reading only the page instead of every row past it.
  if (row.every((k) => !k.nullable && k.direction === "asc")) {
    const tuple = (keys: readonly OrderKey[]) =>
      Prisma.join(
        keys.map((k) => k.expr),
        ", ",
      );
    return Prisma.sql`((${tuple(row)}) ${Prisma.raw(before ? "<" : ">")} (${tuple(cursor)}))`;
  }
  const alternatives = row.map((key, i) => {
    const ties = row.slice(0, i).map((earlier, j) => sameValue(earlier, cursor[j]!.expr));
    return Prisma.sql`(${Prisma.join([...ties, beyond(key, cursor[i]!.expr, before)], " AND ")})`;
  });
  return Prisma.sql`(${Prisma.join(alternatives, " OR ")})`;
}

/** The row's key comes strictly after (before) the cursor's in the key's direction, absent values last. */
function beyond({ expr, direction, nullable }: OrderKey, at: Sql, before: boolean): Sql {
  const further = Prisma.raw((direction === "asc") !== before ? ">" : "<");
  if (!nullable) return Prisma.sql`${expr} ${further} ${at}`;
  // After a present value come larger (desc: smaller) values and every absent one; nothing comes after an absent
  // value but its ties. Before is the mirror: only present values, and any of them when the cursor's is absent.
  if (!before) return Prisma.sql`(${at} IS NOT NULL AND (${expr} ${further} ${at} OR ${expr} IS NULL))`;
  return Prisma.sql`(${expr} IS NOT NULL AND (${at} IS NULL OR ${expr} ${further} ${at}))`;
}

/** Equal values, two absent ones included (written out: `IS NOT DISTINCT FROM` is PostgreSQL's, `IS` SQLite's). */
function sameValue({ expr, nullable }: OrderKey, at: Sql): Sql {
  if (!nullable) return Prisma.sql`${expr} = ${at}`;
  return Prisma.sql`(${expr} = ${at} OR (${expr} IS NULL AND ${at} IS NULL))`;
}
