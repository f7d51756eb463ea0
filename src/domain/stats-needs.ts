// Which kinds of rows (one counting statement each, measures.ts ROWS) the figures of `Stats` read, so a request
// counts only what the figures it asks for are made of. No GraphQL here: the schema passes field names.
import { ROWS, type RowsName, TABLE, type TableParts } from "./measures";

/** Fields of Stats that read no count (the period, the population year; the population is always read). */
const READS_NO_COUNT = new Set(["period", "populationYear", "__typename"]);

const ALL: readonly RowsName[] = Object.keys(ROWS) as RowsName[];

/** The kinds of rows behind every cell, each cell once (a difference reads what it is worked out from). */
function rowsOfCells(parts: TableParts): Map<string, ReadonlySet<RowsName>> {
  const byName = new Map(parts.cells.map((c) => [c.name, c]));
  const found = new Map<string, ReadonlySet<RowsName>>();
  const of = (name: string): ReadonlySet<RowsName> => {
    const known = found.get(name);
    if (known) return known;
    const cell = byName.get(name);
    const rows = new Set<RowsName>();
    if (cell?.sql) rows.add(cell.sql.rows);
    if (cell?.difference) for (const n of [cell.difference.total, ...cell.difference.minus]) for (const r of of(n)) rows.add(r);
    found.set(name, rows);
    return rows;
  };
  for (const c of parts.cells) of(c.name);
  return found;
}

/** The kinds of rows each field of the table reads. */
function rowsOfFieldsOf(parts: TableParts): Map<string, ReadonlySet<RowsName>> {
  const cells = rowsOfCells(parts);
  const rows = (...names: string[]) => new Set(names.flatMap((n) => [...(cells.get(n) ?? [])]));
  return new Map(
    parts.fields.map((f): [string, ReadonlySet<RowsName>] => {
      switch (f.kind) {
        case "count":
          return [f.name, rows(f.cell)];
        case "population":
          return [f.name, new Set()];
        case "ratio":
          return [f.name, rows(f.numerator, f.denominator)];
        case "rate":
          return [f.name, rows(f.numerator)];
        case "median":
          return [f.name, new Set([...rows(f.count), parts.distributions.get(f.distribution)!])];
        case "list":
          return [f.name, rows(...f.items.map((i) => `${f.prefix}${i}`))];
      }
    }),
  );
}

const FIELD_ROWS = rowsOfFieldsOf(TABLE);

/**
 * The kinds of rows the named fields of Stats read, in the table's order. A name the table does not know
 * (other than the period's fields) reads every kind: counting more is safe, counting less is not.
 */
export function rowsOfFields(names: Iterable<string>): readonly RowsName[] {
  const needed = new Set<RowsName>();
  for (const name of names) {
    if (READS_NO_COUNT.has(name)) continue;
    const rows = FIELD_ROWS.get(name);
    if (!rows) return ALL;
    for (const r of rows) needed.add(r);
  }
  return ALL.filter((r) => needed.has(r));
}

/** Whether counts over `kinds` are enough for the field named `name`. */
export function fieldReadsOnly(name: string, kinds: ReadonlySet<RowsName>): boolean {
  if (READS_NO_COUNT.has(name)) return true;
  const rows = FIELD_ROWS.get(name);
  return rows !== undefined && [...rows].every((r) => kinds.has(r));
}

export { ALL as EVERY_KIND_OF_ROWS };
