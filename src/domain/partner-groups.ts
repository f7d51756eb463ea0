// A research partner's group-by, read from the period's Stats table. No GraphQL here.
//
// A grouping a partner may ask for is a view of cells the Stats table of one financial year already holds and
// already suppresses (disclosure.ts): a place (England, a region or a board) × at most one fixed category whose
// every value is a *published* Stats count (natures of incidents, grades of evaluations). So every group a
// partner sees is one cell of one table with one suppression pattern, whatever the grouping: a grouping of
// fewer dimensions is the margin of one of more dimensions, and both show that margin with the same pattern,
// so no difference between two partner answers says anything the Stats table does not. Groupings whose cells
// would not be published Stats counts (reviews late, incidents not qualifying, a finer time bucket, any filter)
// are refused: their cells are outside the table the exact check protects (docs/disclosure.md).
import { EVALUATION_GRADES } from "./measures";
import type { StatsUnit } from "./disclosure";
import type { BoardUnit, UnitCounts } from "./stats";
import { STATS_MEASURES } from "./disclosure";

/** A category dimension: the Stats count each of its values is (in the enum's declared order). */
export interface PartnerCategory {
  dimension: string;
  cells: Readonly<Record<string, string>>;
}

/** What one choice of date counts for a partner: its Stats total, and the one category it may be split by. */
export interface PartnerDate {
  total: string;
  category?: PartnerCategory;
}

export type PartnerModel = "Review" | "Incident";

/** Every grouping a partner may ask for: model → the date its rows are counted by → its cells. */
export const PARTNER_GROUPINGS: Readonly<Record<PartnerModel, Readonly<Record<string, PartnerDate>>>> = {
  Incident: {
    NOTIFIED_ON: {
      total: "seriousIncidents",
      category: { dimension: "NATURE", cells: { DEATH: "deaths", SERIOUS_HARM: "seriousHarm", NOT_KNOWN: "natureNotKnown" } },
    },
  },
  Review: {
    INITIATED_ON: { total: "reviewsInitiated" },
    COMPLETED_ON: { total: "reviewsCompleted" },
    RECEIVED_ON: { total: "reviewsReceived" },
    EVALUATED_ON: {
      total: "reviewsEvaluated",
      category: { dimension: "EVALUATION_GRADE", cells: Object.fromEntries(EVALUATION_GRADES.map((g) => [g, `graded.${g}`])) },
    },
  },
};

/** The place dimensions (one at most) and the one time dimension (a partner's period is one financial year). */
export const PARTNER_PLACES = ["REGION", "BOARD"] as const;
export const PARTNER_YEAR = "FINANCIAL_YEAR";

/** One group: its keys (region or board code, the year's first calendar year, a category value), its cell. */
export interface PartnerCell {
  keys: Record<string, string | number | null>;
  unit: StatsUnit;
  measure: string;
  value: number;
}

/**
 * Why a partner may not group `model` by `by` with `date`, in words that say what is allowed; null when the
 * grouping is one of the table's views.
 */
export function partnerGroupingProblem(model: PartnerModel, date: string, by: readonly string[]): string | null {
  const dates = PARTNER_GROUPINGS[model];
  const spec = dates[date];
  const allowedDates = Object.keys(dates).join(", ");
  if (!spec) return `date: research partners may group by ${allowedDates} (got ${date})`;
  const allowed = [...PARTNER_PLACES, PARTNER_YEAR, ...(spec.category ? [spec.category.dimension] : [])];
  const other = by.find((d) => !allowed.includes(d));
  if (other) return `by: with date ${date}, research partners may group by ${allowed.join(", ")} (got ${other})`;
  if (by.includes("REGION") && by.includes("BOARD"))
    return "by: research partners group by REGION or by BOARD, not both (a board's region is one of its fields)";
  return null;
}

const valueOf = new Map(STATS_MEASURES.map((m) => [m.name, m.of]));

/**
 * Every group of a grouping the partner may ask for (partnerGroupingProblem gave null), zeros included: which
 * groups exist must not depend on the counts. Places in code order, categories in their declared order.
 */
export function partnerCells(
  model: PartnerModel,
  date: string,
  by: readonly string[],
  boards: readonly BoardUnit[],
  regionCodes: ReadonlyMap<number, string>,
  financialYearStart: number,
): PartnerCell[] {
  const spec = PARTNER_GROUPINGS[model][date]!;
  const sum = (measure: string, units: readonly BoardUnit[]) => units.reduce((s, b) => s + valueOf.get(measure)!(b.counts as UnitCounts), 0);
  type Place = { key: Record<string, string | null>; unit: StatsUnit; boards: readonly BoardUnit[] };
  let places: Place[];
  if (by.includes("BOARD")) {
    places = [...boards]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((b) => ({ key: { BOARD: b.code }, unit: { level: "BOARD", id: b.boardId }, boards: [b] }));
  } else if (by.includes("REGION")) {
    const ids = [...new Set(boards.map((b) => b.regionId))].sort((a, b) => regionCodes.get(a)!.localeCompare(regionCodes.get(b)!));
    places = ids.map((id) => ({
      key: { REGION: regionCodes.get(id)! },
      unit: { level: "REGION", id },
      boards: boards.filter((b) => b.regionId === id),
    }));
  } else {
    places = [{ key: {}, unit: { level: "ENGLAND" }, boards }];
  }
  const year: Record<string, number> = by.includes(PARTNER_YEAR) ? { [PARTNER_YEAR]: financialYearStart } : {};
  const category = spec.category && by.includes(spec.category.dimension) ? spec.category : undefined;
  const cells: PartnerCell[] = [];
  for (const place of places) {
    const split = category
      ? Object.entries(category.cells).map(([value, measure]) => ({ key: { [category.dimension]: value }, measure }))
      : [{ key: {}, measure: spec.total }];
    for (const { key, measure } of split) {
      cells.push({ keys: { ...place.key, ...year, ...key }, unit: place.unit, measure, value: sum(measure, place.boards) });
    }
  }
  return cells;
}
