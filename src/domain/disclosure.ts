// Which Stats counts a research partner may see, for one period: the whole table of England, its regions and
// its boards, suppressed at once (src/domain/suppression.ts), so that every unit's figures come from one
// pattern however they are asked for (one board alone, a region's boards, all regions). No GraphQL here.
import { protectExactly } from "./exact-check";
import { type BoardUnit, EVALUATION_CATEGORIES, EVALUATION_GRADES, type UnitCounts } from "./stats";
import { type Cell, type Relation, suppressTable } from "./suppression";

/** The unit a Stats object is about. */
export type StatsUnit = { level: "ENGLAND" } | { level: "REGION"; id: number } | { level: "BOARD"; id: number };

type Measure = { name: string; published: boolean; of: (c: UnitCounts) => number };

const shown = (name: string, of: (c: UnitCounts) => number): Measure => ({ name, published: true, of });
/** A count no field shows, but which follows by difference from two that are shown. */
const implied = (name: string, of: (c: UnitCounts) => number): Measure => ({ name, published: false, of });
const gradeSum = (c: UnitCounts) => EVALUATION_GRADES.reduce((s, g) => s + c.evaluatedByGrade[g], 0);

/**
 * The counts of a unit that the table holds. A published measure is shown as a count or as a part of a
 * ratio; an unpublished one is never shown but follows by difference from two that are (deaths that were not
 * qualifying deaths), so it is protected all the same.
 */
export const STATS_MEASURES: readonly Measure[] = [
  // Incidents, by notification date.
  shown("seriousIncidents", (c) => c.seriousIncidents),
  shown("deaths", (c) => c.deaths),
  shown("seriousHarm", (c) => c.seriousHarm),
  shown("natureNotKnown", (c) => c.natureNotKnown),
  // Incidents of any two natures: a reader subtracting one nature from the total, region by region and board by
  // board, learns these, so they are protected as cells (interval propagation then sees the same).
  implied("incidentsNotDeaths", (c) => c.seriousIncidents - c.deaths),
  implied("incidentsNotSeriousHarm", (c) => c.seriousIncidents - c.seriousHarm),
  implied("incidentsNatureKnown", (c) => c.seriousIncidents - c.natureNotKnown),
  shown("caseFileAudits", (c) => c.caseFileAudits),
  implied("incidentsNotCaseFileAudits", (c) => c.seriousIncidents - c.caseFileAudits),
  shown("qualifyingDeaths", (c) => c.qualifyingDeaths),
  implied("otherDeaths", (c) => c.deaths - c.qualifyingDeaths),
  shown("qualifyingDeathsReviewed", (c) => c.qualifyingDeathsReviewed),
  implied("qualifyingDeathsNotReviewed", (c) => c.qualifyingDeaths - c.qualifyingDeathsReviewed),
  shown("qualifyingDeathsWithRationale", (c) => c.qualifyingDeathsWithRationale),
  implied("qualifyingDeathsWithoutRationale", (c) => c.qualifyingDeaths - c.qualifyingDeathsWithRationale),
  shown("unexplainedGaps", (c) => c.unexplainedGaps),
  implied("qualifyingDeathsExplained", (c) => c.qualifyingDeaths - c.unexplainedGaps),
  // Reviews, by decision date.
  shown("reviewsInitiated", (c) => c.reviewsInitiated),
  shown("reviewsInitiatedMeetingStandard", (c) => c.reviewsInitiatedMeetingStandard),
  implied("reviewsInitiatedNotMeetingStandard", (c) => c.reviewsInitiated - c.reviewsInitiatedMeetingStandard),
  shown("reviewsInitiatedMixedBackgrounds", (c) => c.reviewsInitiatedMixedBackgrounds),
  implied("reviewsInitiatedOneBackground", (c) => c.reviewsInitiated - c.reviewsInitiatedMixedBackgrounds),
  // Reviews, by completion date, and open ones.
  shown("reviewsCompleted", (c) => c.reviewsCompleted),
  shown("reviewsCompletedWithinTarget", (c) => c.reviewsCompletedWithinTarget),
  implied("reviewsCompletedLate", (c) => c.reviewsCompleted - c.reviewsCompletedWithinTarget),
  shown("reviewsOpenPastTarget", (c) => c.reviewsOpenPastTarget),
  // Evaluations, by received and evaluated date.
  shown("reviewsReceived", (c) => c.reviewsReceived),
  shown("reviewsEvaluated", (c) => c.reviewsEvaluated),
  ...EVALUATION_GRADES.map((grade) => shown(`graded.${grade}`, (c) => c.evaluatedByGrade[grade])),
  implied("evaluatedUngraded", (c) => c.reviewsEvaluated - gradeSum(c)),
  // Evaluated and not graded INADEQUATE: the margin the standard-by-grade table below lacks. With it, a
  // reader's deduction through that table is one sum away, so interval propagation sees it too.
  implied("evaluatedNotInadequate", (c) => c.reviewsEvaluated - c.evaluatedByGrade.INADEQUATE),
  shown("evaluatedMeetingStandard", (c) => c.evaluatedMeetingStandard),
  shown("evaluatedNotMeetingStandard", (c) => c.evaluatedNotMeetingStandard),
  shown("inadequateMeetingStandard", (c) => c.inadequateMeetingStandard),
  shown("inadequateNotMeetingStandard", (c) => c.inadequateNotMeetingStandard),
  implied("adequateOrBetterMeetingStandard", (c) => c.evaluatedMeetingStandard - c.inadequateMeetingStandard),
  implied("adequateOrBetterNotMeetingStandard", (c) => c.evaluatedNotMeetingStandard - c.inadequateNotMeetingStandard),
  ...EVALUATION_CATEGORIES.flatMap((category) => [
    shown(`reasons.${category}`, (c) => c.inadequacyReasons[category]),
    implied(`reasonsWithout.${category}`, (c) => c.evaluatedByGrade.INADEQUATE - c.inadequacyReasons[category]),
  ]),
];

/** How a unit's measures add up (every unit alike). */
export const STATS_UNIT_RELATIONS: readonly { total: string; parts: readonly string[] }[] = [
  { total: "seriousIncidents", parts: ["deaths", "seriousHarm", "natureNotKnown"] },
  { total: "seriousIncidents", parts: ["deaths", "incidentsNotDeaths"] },
  { total: "seriousIncidents", parts: ["seriousHarm", "incidentsNotSeriousHarm"] },
  { total: "seriousIncidents", parts: ["natureNotKnown", "incidentsNatureKnown"] },
  { total: "incidentsNotDeaths", parts: ["seriousHarm", "natureNotKnown"] },
  { total: "incidentsNotSeriousHarm", parts: ["deaths", "natureNotKnown"] },
  { total: "incidentsNatureKnown", parts: ["deaths", "seriousHarm"] },
  { total: "seriousIncidents", parts: ["caseFileAudits", "incidentsNotCaseFileAudits"] },
  { total: "deaths", parts: ["qualifyingDeaths", "otherDeaths"] },
  { total: "qualifyingDeaths", parts: ["qualifyingDeathsReviewed", "qualifyingDeathsNotReviewed"] },
  { total: "qualifyingDeaths", parts: ["qualifyingDeathsWithRationale", "qualifyingDeathsWithoutRationale"] },
  { total: "qualifyingDeaths", parts: ["unexplainedGaps", "qualifyingDeathsExplained"] },
  { total: "reviewsInitiated", parts: ["reviewsInitiatedMeetingStandard", "reviewsInitiatedNotMeetingStandard"] },
  { total: "reviewsInitiated", parts: ["reviewsInitiatedMixedBackgrounds", "reviewsInitiatedOneBackground"] },
  { total: "reviewsCompleted", parts: ["reviewsCompletedWithinTarget", "reviewsCompletedLate"] },
  { total: "reviewsEvaluated", parts: [...EVALUATION_GRADES.map((g) => `graded.${g}`), "evaluatedUngraded"] },
  { total: "reviewsEvaluated", parts: ["evaluatedMeetingStandard", "evaluatedNotMeetingStandard"] },
  { total: "graded.INADEQUATE", parts: ["inadequateMeetingStandard", "inadequateNotMeetingStandard"] },
  { total: "reviewsEvaluated", parts: ["graded.INADEQUATE", "evaluatedNotInadequate"] },
  { total: "evaluatedNotInadequate", parts: [...EVALUATION_GRADES.filter((g) => g !== "INADEQUATE").map((g) => `graded.${g}`), "evaluatedUngraded"] },
  { total: "evaluatedNotInadequate", parts: ["adequateOrBetterMeetingStandard", "adequateOrBetterNotMeetingStandard"] },
  { total: "evaluatedMeetingStandard", parts: ["inadequateMeetingStandard", "adequateOrBetterMeetingStandard"] },
  { total: "evaluatedNotMeetingStandard", parts: ["inadequateNotMeetingStandard", "adequateOrBetterNotMeetingStandard"] },
  ...EVALUATION_CATEGORIES.map((category) => ({ total: "graded.INADEQUATE", parts: [`reasons.${category}`, `reasonsWithout.${category}`] })),
];

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
export function statsTable(boards: readonly BoardUnit[]): { cells: Cell[]; relations: Relation[] } {
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
  return { cells, relations };
}

/**
 * Suppresses the whole table of a period (`statsTable`): the heuristic's pattern, then the exact check that
 * completes it until a reader solving every sum at once pins no count from 1 to 5 (exact-check.ts).
 */
export async function statsDisclosure(boards: readonly BoardUnit[]): Promise<StatsDisclosure> {
  const { cells, relations } = statsTable(boards);
  const { suppressed } = await protectExactly(cells, relations, suppressTable(cells, relations).suppressed);
  return { isWithheld: (unit, measure) => suppressed.has(`${unitKey(unit)}:${measure}`) };
}
