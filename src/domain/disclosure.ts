// Which Stats counts a research partner may see, for one period: the whole table of England, its regions and
// its boards, suppressed at once (src/domain/suppression.ts), so that every unit's figures come from one
// pattern however they are asked for (one board alone, a region's boards, all regions). No GraphQL here.
import { protectExactly } from "./exact-check";
import { readTable, TABLE, type Table, type TableField, type TableParts } from "./measures";
import type { BoardUnit, UnitCounts } from "./stats";
import { type Cell, type Relation, suppressTable } from "./suppression";

/** The unit a Stats object is about. */
export type StatsUnit = { level: "ENGLAND" } | { level: "REGION"; id: number } | { level: "BOARD"; id: number };

type Measure = { name: string; published: boolean; of: (c: UnitCounts) => number };

/**
 * The cells of a unit, one per count of the table of measures (measures.ts). A published measure is shown by
 * some field, as a count, a part of a ratio or an item of a list; an unpublished (implied) one is never shown
 * but follows by difference from two that are (deaths that were not qualifying deaths), so it is protected all
 * the same.
 */
export function measuresOf(parts: TableParts): Measure[] {
  return parts.cells.map((c) => ({ name: c.name, published: c.published, of: (u: UnitCounts) => c.of(u as unknown as Record<string, unknown>) }));
}

export const STATS_MEASURES: readonly Measure[] = measuresOf(TABLE);

/** How a unit's measures add up (every unit alike): the table's splits and differences. */
export const STATS_UNIT_RELATIONS: readonly { total: string; parts: readonly string[] }[] = TABLE.relations;

/** How a field of Stats shows the period's counts. Measures are those of STATS_MEASURES. */
export type StatsFieldRule =
  /** Shows nothing about cases (the period, the population year, the child population). */
  | { kind: "public" }
  /** A CountFigure showing one measure. */
  | { kind: "count"; measure: string }
  /** A RatioFigure of two measures, or of a measure over the child population. */
  | { kind: "ratio"; numerator: string; denominator: string | "population" }
  /** A RatioFigure summarising the cases a measure counts (a median): withheld with that count. */
  | { kind: "summary"; over: string }
  /** A list of items, each with a figure showing `<prefix><item[key]>`. */
  | { kind: "perItem"; key: string; prefix: string };

function fieldRule(f: TableField): StatsFieldRule {
  switch (f.kind) {
    case "population":
      return { kind: "public" };
    case "count":
      return { kind: "count", measure: f.cell };
    case "ratio":
      return { kind: "ratio", numerator: f.numerator, denominator: f.denominator };
    case "rate":
      return { kind: "ratio", numerator: f.numerator, denominator: "population" };
    case "median":
      return { kind: "summary", over: f.count };
    case "list":
      return { kind: "perItem", key: f.key, prefix: f.prefix };
  }
}

/** What each field of Stats that a table defines shows of its cells. */
export function fieldRulesOf(parts: TableParts): Record<string, StatsFieldRule> {
  return Object.fromEntries(parts.fields.map((f) => [f.name, fieldRule(f)]));
}

/** The rules of the fields the table of measures defines (every field of Stats but the period's two). */
export const STATS_FIGURE_RULES: Readonly<Record<string, StatsFieldRule>> = fieldRulesOf(TABLE);

export function unitKey(unit: StatsUnit): string {
  return unit.level === "ENGLAND" ? "E" : unit.level === "REGION" ? `R${unit.id}` : `B${unit.id}`;
}

export interface StatsDisclosure {
  /** True when a partner must not see this measure of this unit (primary or secondary suppression). */
  isWithheld(unit: StatsUnit, measure: string): boolean;
}

/**
 * The whole table of a period: every measure of every board in force in it, every region (the sum of its
 * boards) and England (the sum of the regions), linked by those sums and by `STATS_UNIT_RELATIONS`. Cell keys
 * are `${unitKey(unit)}:${measure}`.
 */
export function statsTable(boards: readonly BoardUnit[], table?: Table): { cells: Cell[]; relations: Relation[] } {
  const parts = table === undefined ? TABLE : readTable(table);
  const measures = measuresOf(parts);
  const regions = new Map<number, BoardUnit[]>();
  for (const b of boards) regions.set(b.regionId, [...(regions.get(b.regionId) ?? []), b]);
  // A national figure is the one most readers need, a regional one next: withhold board figures first.
  const units: { key: string; counts: UnitCounts[]; weight: number }[] = [
    { key: "E", counts: boards.map((b) => b.counts), weight: 100 },
    ...[...regions].map(([id, members]) => ({ key: `R${id}`, counts: members.map((b) => b.counts), weight: 10 })),
    ...boards.map((b) => ({ key: `B${b.boardId}`, counts: [b.counts], weight: 1 })),
  ];
  const cells: Cell[] = [];
  for (const unit of units) {
    for (const m of measures) {
      const value = unit.counts.reduce((s, c) => s + m.of(c), 0);
      cells.push({ key: `${unit.key}:${m.name}`, value, published: m.published, weight: unit.weight });
    }
  }
  const relations: Relation[] = [];
  for (const m of measures) {
    relations.push({ total: `E:${m.name}`, parts: [...regions.keys()].map((id) => `R${id}:${m.name}`) });
    for (const [id, members] of regions) relations.push({ total: `R${id}:${m.name}`, parts: members.map((b) => `B${b.boardId}:${m.name}`) });
  }
  for (const unit of units) {
    for (const r of parts.relations) relations.push({ total: `${unit.key}:${r.total}`, parts: r.parts.map((p) => `${unit.key}:${p}`) });
  }
  return { cells, relations };
}

/**
 * Suppresses the whole table of a period (`statsTable`): the heuristic's pattern, then the exact check that
 * completes it until a reader solving every sum at once pins no count from 1 to 5 (exact-check.ts).
 */
export async function statsDisclosure(boards: readonly BoardUnit[], table?: Table): Promise<StatsDisclosure> {
  const { cells, relations } = statsTable(boards, table);
  const { suppressed } = await protectExactly(cells, relations, suppressTable(cells, relations).suppressed);
  return { isWithheld: (unit, measure) => suppressed.has(`${unitKey(unit)}:${measure}`) };
}
