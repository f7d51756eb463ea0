// Which Stats counts a research partner may see, for one period: the whole table of England, its regions and
// its boards, suppressed at once (src/domain/suppression.ts), so that every unit's figures come from one
// pattern however they are asked for (one board alone, a region's boards, all regions). No GraphQL here.
import { type BoardUnit, EVALUATION_GRADES, type UnitCounts } from "./stats";
import { type Cell, type Relation, suppressTable } from "./suppression";

/** The unit a Stats object is about. */
export type StatsUnit = { level: "ENGLAND" } | { level: "REGION"; id: number } | { level: "BOARD"; id: number };

/**
 * The counts of a unit that the table holds. A published measure is shown as a count or as a part of a
 * ratio; an unpublished one is never shown but follows by difference from two that are (deaths that were not
 * qualifying deaths), so it is protected all the same.
 */
export const STATS_MEASURES: readonly { name: string; published: boolean; of: (c: UnitCounts) => number }[] = [
  { name: "seriousIncidents", published: true, of: (c) => c.seriousIncidents },
  { name: "deaths", published: true, of: (c) => c.deaths },
  { name: "seriousHarm", published: true, of: (c) => c.seriousHarm },
  { name: "natureNotKnown", published: true, of: (c) => c.natureNotKnown },
  { name: "qualifyingDeaths", published: true, of: (c) => c.qualifyingDeaths },
  { name: "otherDeaths", published: false, of: (c) => c.deaths - c.qualifyingDeaths },
  { name: "qualifyingDeathsReviewed", published: true, of: (c) => c.qualifyingDeathsReviewed },
  { name: "qualifyingDeathsNotReviewed", published: false, of: (c) => c.qualifyingDeaths - c.qualifyingDeathsReviewed },
  { name: "reviewsInitiated", published: true, of: (c) => c.reviewsInitiated },
  { name: "reviewsCompleted", published: true, of: (c) => c.reviewsCompleted },
  { name: "reviewsReceived", published: true, of: (c) => c.reviewsReceived },
  { name: "reviewsEvaluated", published: true, of: (c) => c.reviewsEvaluated },
  ...EVALUATION_GRADES.map((grade) => ({ name: `graded.${grade}`, published: true, of: (c: UnitCounts) => c.evaluatedByGrade[grade] })),
  {
    name: "evaluatedUngraded",
    published: false,
    of: (c: UnitCounts) => c.reviewsEvaluated - EVALUATION_GRADES.reduce((s, g) => s + c.evaluatedByGrade[g], 0),
  },
];

/** How a unit's measures add up (every unit alike). */
export const STATS_UNIT_RELATIONS: readonly { total: string; parts: readonly string[] }[] = [
  { total: "seriousIncidents", parts: ["deaths", "seriousHarm", "natureNotKnown"] },
  { total: "deaths", parts: ["qualifyingDeaths", "otherDeaths"] },
  { total: "qualifyingDeaths", parts: ["qualifyingDeathsReviewed", "qualifyingDeathsNotReviewed"] },
  { total: "reviewsEvaluated", parts: [...EVALUATION_GRADES.map((g) => `graded.${g}`), "evaluatedUngraded"] },
];

export function unitKey(unit: StatsUnit): string {
  return unit.level === "ENGLAND" ? "E" : unit.level === "REGION" ? `R${unit.id}` : `B${unit.id}`;
}

export interface StatsDisclosure {
  /** True when a partner must not see this measure of this unit (primary or secondary suppression). */
  isWithheld(unit: StatsUnit, measure: string): boolean;
}

/**
 * Suppresses the whole table of a period: every measure of every board in force in it, every region (the sum
 * of its boards) and England (the sum of the regions), linked by those sums and by `STATS_UNIT_RELATIONS`.
 */
export function statsDisclosure(boards: readonly BoardUnit[]): StatsDisclosure {
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
    for (const m of STATS_MEASURES) {
      const value = unit.counts.reduce((s, c) => s + m.of(c), 0);
      cells.push({ key: `${unit.key}:${m.name}`, value, published: m.published, weight: unit.weight });
    }
  }
  const relations: Relation[] = [];
  for (const m of STATS_MEASURES) {
    relations.push({ total: `E:${m.name}`, parts: [...regions.keys()].map((id) => `R${id}:${m.name}`) });
    for (const [id, members] of regions) relations.push({ total: `R${id}:${m.name}`, parts: members.map((b) => `B${b.boardId}:${m.name}`) });
  }
  for (const unit of units) {
    for (const r of STATS_UNIT_RELATIONS) relations.push({ total: `${unit.key}:${r.total}`, parts: r.parts.map((p) => `${unit.key}:${p}`) });
  }
  const { suppressed } = suppressTable(cells, relations);
  return { isWithheld: (unit, measure) => suppressed.has(`${unitKey(unit)}:${measure}`) };
}
