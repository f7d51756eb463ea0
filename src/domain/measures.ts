// The table of measures behind `Stats`, defined once. No GraphQL here.
//
// Every count a board has in a period is one entry: the rows it counts (one statement per kind of rows, see
// ROWS) and its condition, or the difference of other counts; the ways it splits into other counts; and, when
// a `Stats` field shows it, that field's name, unit and description. Figures made from counts (ratios, rates,
// a median, the child population, the per-grade lists) are entries too. From this table come:
// - the SQL columns of the counting statements and the counts themselves (stats.ts: countBoards, UnitCounts);
// - every metric, its `Stats` field and its `StatsMetric` value (metrics.ts; schema/analytics/types.ts);
// - what a research partner's suppression protects (disclosure.ts): every count as a cell, the counts no
//   field shows but a reader can work out by difference (implied cells), the sums linking them, and which
//   cells each `Stats` field shows.
//
// A new count metric is one `count` entry (with `within` when it counts part of another count, so what is left
// is protected too) and a test of its numbers; test/unit/measures.test.ts checks every entry reaches its SQL
// column, its count, its field, its StatsMetric value and its disclosure rule.
import { Prisma } from "../db";
import type { Period } from "./dates";
import type { Dialect } from "./query/dialect";
import { authorStandard, mixedBackgrounds, qualifyingDeath, withinTarget } from "./rules";
import { literal } from "./rules/sql";
import type { CoverageSource } from "./coverage-sources";

type Sql = Prisma.Sql;

export const EVALUATION_GRADES = ["OUTSTANDING", "GOOD", "ADEQUATE", "INADEQUATE"] as const;
export type Grade = (typeof EVALUATION_GRADES)[number];

/** The inspectorate's reasons about a review's quality (EVALUATION findings). */
export const EVALUATION_CATEGORIES = [
  "INSUFFICIENT_CHILD_FOCUS",
  "INSUFFICIENT_CHALLENGE_OF_PRACTICE",
  "INFORMATION_GAPS",
  "PARTNER_NON_COOPERATION",
  "INSUFFICIENT_INDEPENDENCE",
  "DELAY",
  "WEAK_RISK_ASSESSMENT",
  "ETHNIC_CULTURAL_ISSUES_MISSED",
] as const;
export type EvaluationCategory = (typeof EVALUATION_CATEGORIES)[number];

// ---- Rows: one statement each -----------------------------------------------------------------------------

/** What a statement's SQL may depend on besides its rows. */
export interface SqlContext {
  period: Period;
  dialect: Dialect;
}
export type SqlOf = (q: SqlContext) => Sql;

/** Rows that counts are taken over, per board, in a period. Counts over the same rows share one statement. */
export interface Rows {
  /** FROM and JOINs, with the aliases the entries' conditions use. */
  from: string;
  /** The board a row counts for. */
  unit: string;
  where: SqlOf;
  /** The source the rows come from, whose coverage (coverage.ts) decides whether a count of them is complete. */
  source: CoverageSource;
  /** A histogram of a value over the rows (how many rows have each value), kept for a median. */
  distribution?: { name: string; value: SqlOf };
}

const raw = Prisma.raw;
const between = (column: string, { from, to }: Period) => Prisma.sql`${raw(column)} >= ${from} AND ${raw(column)} <= ${to}`;
const EVALUATED = `"Evaluation" e JOIN "Review" r ON r."id" = e."reviewId"`;
/** Withdrawn records leave every count (../withdrawal.ts): the evaluation and its review both current. */
const CURRENT_EVALUATED = raw(`e."withdrawnAt" IS NULL AND r."withdrawnAt" IS NULL`);

export const ROWS = {
  /** Incidents notified in the period (alias i). */
  incidents: {
    from: `"Incident" i`,
    unit: `i."boardId"`,
    source: "INCIDENT_NOTIFICATIONS",
    where: ({ period }) => Prisma.sql`${between(`i."notifiedOn"`, period)} AND i."withdrawnAt" IS NULL`,
  },
  /** Reviews decided on (initiated) in the period (alias r). */
  reviewsInitiated: {
    from: `"Review" r`,
    unit: `r."leadBoardId"`,
    source: "REVIEW_DECISIONS",
    where: ({ period }) => Prisma.sql`${between(`r."initiatedOn"`, period)} AND r."withdrawnAt" IS NULL`,
  },
  /** Reviews completed in the period (alias r), with their days from decision to completion. */
  reviewsCompleted: {
    from: `"Review" r`,
    unit: `r."leadBoardId"`,
    source: "REVIEW_DECISIONS",
    where: ({ period }) => Prisma.sql`${between(`r."completedOn"`, period)} AND r."withdrawnAt" IS NULL`,
    distribution: { name: "daysToComplete", value: ({ dialect }) => dialect.daysBetween(raw(`r."initiatedOn"`), raw(`r."completedOn"`)) },
  },
  /** Reviews decided on or before the period's last day and still open at its end (alias r). */
  reviewsOpenAtEnd: {
    from: `"Review" r`,
    unit: `r."leadBoardId"`,
    source: "REVIEW_DECISIONS",
    where: ({ period }) =>
      Prisma.sql`r."initiatedOn" <= ${period.to} AND (r."completedOn" IS NULL OR r."completedOn" > ${period.to}) AND r."withdrawnAt" IS NULL`,
  },
  /** Evaluations received in the period (aliases e, r). */
  evaluationsReceived: {
    from: EVALUATED,
    unit: `r."leadBoardId"`,
    source: "EVALUATIONS",
    where: ({ period }) => Prisma.sql`${between(`e."receivedOn"`, period)} AND ${CURRENT_EVALUATED}`,
  },
  /** Evaluations made in the period, by evaluated date (aliases e, r). */
  evaluations: {
    from: EVALUATED,
    unit: `r."leadBoardId"`,
    source: "EVALUATIONS",
    where: ({ period }) => Prisma.sql`${between(`e."evaluatedOn"`, period)} AND ${CURRENT_EVALUATED}`,
  },
  /** EVALUATION findings of reviews evaluated in the period as INADEQUATE (aliases e, r, f). */
  inadequacyFindings: {
    from: `${EVALUATED} JOIN "Finding" f ON f."reviewId" = r."id" AND f."source" = 'EVALUATION' AND f."withdrawnAt" IS NULL`,
    unit: `r."leadBoardId"`,
    source: "EVALUATIONS",
    where: ({ period }) => Prisma.sql`${between(`e."evaluatedOn"`, period)} AND e."grade" = 'INADEQUATE' AND ${CURRENT_EVALUATED}`,
  },
} as const satisfies Record<string, Rows>;

export type RowsName = keyof typeof ROWS;
type DistributionName = { [R in RowsName]: (typeof ROWS)[R] extends { distribution: { name: infer D extends string } } ? D : never }[RowsName];

// ---- Entries ----------------------------------------------------------------------------------------------

/** A `Stats` field showing a count (named as the count unless `name` says otherwise). */
export interface CountField {
  name?: string;
  /** What one unit of the value is, for a variation's min and max. */
  unit: string;
  description: string;
}
/** A `Stats` field of a figure made from counts. */
interface Field {
  unit: string;
  description: string;
}

/** Counts part of `total`: `rest` (total − this) is an implied cell, never shown but protected all the same. */
export interface Within {
  total: string;
  rest: string;
}

/** A count of rows: COUNT(*), or SUM(CASE WHEN `when` ...) over rows of `rows`. */
export interface CountEntry<N extends string = string> {
  kind: "count";
  name: N;
  rows: RowsName;
  when?: SqlOf;
  /** Sources its condition reads besides its rows' own (an incident's decision: REVIEW_DECISIONS). */
  also?: readonly CoverageSource[];
  within?: Within;
  /** Ways the count splits into other counts: every row it counts is in exactly one of each list. */
  splits?: readonly (readonly string[])[];
  field?: CountField;
}

/**
 * total − the counts of `minus`, worked out after the statements. `implied`: no field shows it and it is not
 * kept in UnitCounts, but a reader can work it out, so the suppression protects it; otherwise a kept count.
 */
export interface DifferenceEntry<N extends string = string> {
  kind: "difference";
  name: N;
  implied: boolean;
  total: string;
  minus: readonly string[];
  splits?: readonly (readonly string[])[];
  field?: CountField;
}

/** One count per item (`<cell><item>`, e.g. graded.GOOD), kept as a record, shown as a list field. */
export interface ListEntry<N extends string = string, I extends string = string> {
  kind: "list";
  name: N;
  items: readonly I[];
  /** The name of the item's field in the list (`grade`). */
  key: string;
  /** The cells' prefix (`graded.`). */
  cell: string;
  rows: RowsName;
  when(item: I): SqlOf;
  /** Each item counts part of `total`; `<rest><item>` is implied. */
  within?: Within;
  description: string;
}

/** The child population of the unit (null without an estimate): public, summed where known. */
export interface PopulationEntry<N extends string = string> {
  kind: "population";
  name: N;
  field: Field;
}
/** A field showing a count defined elsewhere in the table (an item of a list). */
export interface ShowsEntry {
  kind: "shows";
  name: string;
  cell: string;
  field: Field;
}
export interface RatioEntry {
  kind: "ratio";
  name: string;
  numerator: string;
  denominator: string;
  field: Field;
}
/** numerator per 10,000 of the child population. */
export interface RateEntry {
  kind: "rate";
  name: string;
  numerator: string;
  field: Field;
}
/** The median of a distribution; `count` is the count of the rows it is over (its denominator). */
export interface MedianEntry {
  kind: "median";
  name: string;
  distribution: DistributionName;
  count: string;
  field: Field;
}

export type Entry = CountEntry | DifferenceEntry | ListEntry | PopulationEntry | ShowsEntry | RatioEntry | RateEntry | MedianEntry;
export type Table = readonly Entry[];

// The entries' constructors: the names they take are kept as literal types, so UnitCounts has a field per count.
const count = <const N extends string>(name: N, spec: Omit<CountEntry<N>, "kind" | "name">): CountEntry<N> => ({ kind: "count", name, ...spec });
type Splits = { splits?: readonly (readonly string[])[] };
const kept = <const N extends string>(name: N, total: string, minus: readonly string[], more: Splits = {}) =>
  ({ kind: "difference", name, implied: false as const, total, minus, ...more }) satisfies DifferenceEntry<N>;
const implied = (name: string, total: string, minus: readonly string[], more: Splits = {}) =>
  ({ kind: "difference", name, implied: true, total, minus, ...more }) as const satisfies DifferenceEntry;
const list = <const N extends string, const I extends string>(name: N, spec: Omit<ListEntry<N, I>, "kind" | "name">): ListEntry<N, I> => ({
  kind: "list",
  name,
  ...spec,
});
const shows = (name: string, cell: string, field: Field): ShowsEntry => ({ kind: "shows", name, cell, field });
const ratio = (name: string, numerator: string, denominator: string, field: Field): RatioEntry => ({
  kind: "ratio",
  name,
  numerator,
  denominator,
  field,
});
const rate = (name: string, numerator: string, field: Field): RateEntry => ({ kind: "rate", name, numerator, field });

const is = (column: string, value: string) => () => Prisma.sql`${raw(column)} = ${literal(value)}`;
const MEETS = () => authorStandard.reviewMeetsSql("r");
const STANDARD = authorStandard.words;
const TARGET = withinTarget.words;
const SHARE = "share (0 to 1)";
const PER_CHILDREN = "per 10,000 children aged 0-17";

// ---- The table --------------------------------------------------------------------------------------------

export const MEASURES = [
  {
    kind: "population",
    name: "childPopulation",
    field: {
      unit: "children aged 0-17",
      description:
        "Estimated children aged 0-17 at mid-year `populationYear`, summed over the boards that have an estimate (NOT_AVAILABLE where none has).",
    },
  } satisfies PopulationEntry<"childPopulation">,

  // Incidents, by notification date.
  count("seriousIncidents", {
    rows: "incidents",
    splits: [["deaths", "seriousHarm", "natureNotKnown"]],
    field: { unit: "incidents", description: "Serious incidents notified in the period (all natures), by notification date." },
  }),
  // Incidents of any two natures are each what one nature leaves of the total: implied, and (with the split
  // above) summed from the other two natures.
  count("deaths", {
    rows: "incidents",
    when: is(`i."nature"`, "DEATH"),
    within: { total: "seriousIncidents", rest: "incidentsNotDeaths" },
    field: { unit: "deaths", description: "Incidents of nature DEATH notified in the period, by notification date." },
  }),
  count("seriousHarm", {
    rows: "incidents",
    when: is(`i."nature"`, "SERIOUS_HARM"),
    within: { total: "seriousIncidents", rest: "incidentsNotSeriousHarm" },
    field: { unit: "incidents", description: "Incidents of nature SERIOUS_HARM notified in the period, by notification date." },
  }),
  count("natureNotKnown", {
    rows: "incidents",
    when: is(`i."nature"`, "NOT_KNOWN"),
    within: { total: "seriousIncidents", rest: "incidentsNatureKnown" },
    field: { unit: "incidents", description: "Incidents whose nature was NOT_KNOWN at notification, notified in the period." },
  }),
  count("qualifyingDeaths", {
    rows: "incidents",
    when: () => qualifyingDeath.sql("i"),
    within: { total: "deaths", rest: "otherDeaths" },
    field: {
      unit: "deaths",
      description: "Qualifying deaths (DEATH with abuse or neglect known or suspected) notified in the period, by notification date.",
    },
  }),
  count("qualifyingDeathsReviewed", {
    rows: "incidents",
    also: ["REVIEW_DECISIONS"],
    when: () => Prisma.sql`${qualifyingDeath.sql("i")} AND i."reviewId" IS NOT NULL`,
    within: { total: "qualifyingDeaths", rest: "qualifyingDeathsNotReviewed" },
    field: {
      unit: "deaths",
      description: "Qualifying deaths notified in the period whose incident has a serious case review (whenever it started).",
    },
  }),
  count("qualifyingDeathsWithRationale", {
    rows: "incidents",
    also: ["REVIEW_DECISIONS"],
    when: () => Prisma.sql`${qualifyingDeath.sql("i")} AND i."decisionRationale" IS NOT NULL`,
    within: { total: "qualifyingDeaths", rest: "qualifyingDeathsWithoutRationale" },
    field: { unit: "deaths", description: "Qualifying deaths notified in the period for which the board recorded a rationale for its decision." },
  }),
  count("unexplainedGaps", {
    rows: "incidents",
    also: ["REVIEW_DECISIONS"],
    when: () => Prisma.sql`${qualifyingDeath.sql("i")} AND i."reviewId" IS NULL AND i."decision" <> 'PENDING' AND i."decisionRationale" IS NULL`,
    within: { total: "qualifyingDeaths", rest: "qualifyingDeathsExplained" },
    field: {
      unit: "deaths",
      description:
        "Unexplained gaps: qualifying deaths notified in the period that the board decided (not PENDING) with no serious case review and no recorded rationale — what the NSPCC asked boards to explain.",
    },
  }),
  count("caseFileAudits", {
    rows: "incidents",
    also: ["REVIEW_DECISIONS"],
    when: is(`i."decision"`, "CASE_FILE_AUDIT"),
    within: { total: "seriousIncidents", rest: "incidentsNotCaseFileAudits" },
    field: {
      unit: "incidents",
      description: "Incidents notified in the period that the board decided to handle by a case file audit instead of a serious case review.",
    },
  }),

  // Reviews, by decision date.
  count("reviewsInitiated", {
    rows: "reviewsInitiated",
    field: { unit: "reviews", description: "Serious case reviews whose decision (initiation) date is in the period." },
  }),
  count("reviewsInitiatedMeetingStandard", {
    rows: "reviewsInitiated",
    when: MEETS,
    within: { total: "reviewsInitiated", rest: "reviewsInitiatedNotMeetingStandard" },
  }),
  count("reviewsInitiatedMixedBackgrounds", {
    rows: "reviewsInitiated",
    when: () => mixedBackgrounds.sql("r"),
    within: { total: "reviewsInitiated", rest: "reviewsInitiatedOneBackground" },
  }),

  // Reviews, by completion date, and open ones.
  count("reviewsCompleted", {
    rows: "reviewsCompleted",
    field: { unit: "reviews", description: "Reviews whose completion date is in the period." },
  }),
  count("reviewsCompletedWithinTarget", {
    rows: "reviewsCompleted",
    when: ({ dialect }) => withinTarget.completedInTimeSql("r", dialect),
    within: { total: "reviewsCompleted", rest: "reviewsCompletedLate" },
    field: { unit: "reviews", description: `Reviews completed in the period on or before their target date: ${TARGET}.` },
  }),
  count("reviewsOpenPastTarget", {
    rows: "reviewsOpenAtEnd",
    when: ({ dialect, period }) => withinTarget.pastTargetBeforeSql("r", dialect, Prisma.sql`${period.to}`),
    field: {
      unit: "reviews",
      description: `Reviews decided on or before the period's last day, still open at its end, whose target date (${TARGET}) fell before that day.`,
    },
  }),

  // Evaluations, by received and evaluated date.
  count("reviewsReceived", {
    rows: "evaluationsReceived",
    field: { unit: "reviews", description: "Reviews the inspectorate received in the period, by the evaluation's received date." },
  }),
  count("reviewsEvaluated", {
    rows: "evaluations",
    field: { unit: "reviews", description: "Reviews the inspectorate evaluated in the period, by the evaluation's evaluated date." },
  }),
  list("evaluatedByGrade", {
    items: EVALUATION_GRADES,
    key: "grade",
    cell: "graded.",
    rows: "evaluations",
    when: (grade) => is(`e."grade"`, grade),
    description: "Reviews evaluated in the period, by evaluated date, counted per grade (every grade listed, best first).",
  }),
  // An evaluation may have no grade: the grades and these make up reviewsEvaluated.
  implied(
    "evaluatedUngraded",
    "reviewsEvaluated",
    EVALUATION_GRADES.map((g) => `graded.${g}`),
  ),
  shows("inadequateReviews", "graded.INADEQUATE", {
    unit: "reviews",
    description: "Reviews evaluated in the period and graded INADEQUATE, by evaluated date.",
  }),
  // Evaluated and not graded INADEQUATE: the margin the standard-by-grade table below lacks. With it, a
  // reader's deduction through that table is one sum away, so interval propagation sees it too.
  implied("evaluatedNotInadequate", "reviewsEvaluated", ["graded.INADEQUATE"], {
    splits: [["adequateOrBetterMeetingStandard", "adequateOrBetterNotMeetingStandard"]],
  }),
  // Grade by the author standard, two by two.
  count("evaluatedMeetingStandard", { rows: "evaluations", when: MEETS }),
  kept("evaluatedNotMeetingStandard", "reviewsEvaluated", ["evaluatedMeetingStandard"]),
  // The grade first: the standard's subqueries then run for inadequate reviews only.
  count("inadequateMeetingStandard", {
    rows: "evaluations",
    when: () => Prisma.sql`e."grade" = 'INADEQUATE' AND ${MEETS()}`,
    within: { total: "evaluatedMeetingStandard", rest: "adequateOrBetterMeetingStandard" },
  }),
  kept("inadequateNotMeetingStandard", "graded.INADEQUATE", ["inadequateMeetingStandard"]),
  implied("adequateOrBetterNotMeetingStandard", "evaluatedNotMeetingStandard", ["inadequateNotMeetingStandard"]),
  list("inadequacyReasons", {
    items: EVALUATION_CATEGORIES,
    key: "category",
    cell: "reasons.",
    rows: "inadequacyFindings",
    when: (category) => is(`f."category"`, category),
    within: { total: "graded.INADEQUATE", rest: "reasonsWithout." },
    description:
      "The reasons behind inadequate grades: for each evaluation-finding category, how many reviews evaluated in the period as INADEQUATE have such a finding (a review can give several reasons).",
  }),

  // Figures made from the counts.
  ratio("inadequateShare", "graded.INADEQUATE", "reviewsEvaluated", {
    unit: SHARE,
    description: "inadequateReviews / reviewsEvaluated (NOT_APPLICABLE when none was evaluated).",
  }),
  rate("deathRate", "qualifyingDeaths", {
    unit: PER_CHILDREN,
    description: "Qualifying deaths per 10,000 children aged 0-17 (population of mid-year `populationYear`; NOT_AVAILABLE without one).",
  }),
  rate("reviewRate", "reviewsInitiated", {
    unit: PER_CHILDREN,
    description: "Reviews initiated per 10,000 children aged 0-17 (population of mid-year `populationYear`; NOT_AVAILABLE without one).",
  }),
  ratio("reviewsPerQualifyingDeath", "reviewsInitiated", "qualifyingDeaths", {
    unit: "reviews per qualifying death",
    description: "reviewsInitiated / qualifyingDeaths (NOT_APPLICABLE when there were no qualifying deaths).",
  }),
  ratio("reviewCoverage", "qualifyingDeathsReviewed", "qualifyingDeaths", {
    unit: SHARE,
    description:
      "Share of the period's qualifying deaths whose incident has a serious case review: qualifyingDeathsReviewed / qualifyingDeaths (NOT_APPLICABLE when there were none).",
  }),
  {
    kind: "median",
    name: "medianDaysToComplete",
    distribution: "daysToComplete",
    count: "reviewsCompleted",
    field: {
      unit: "days",
      description:
        "Median days from the decision to hold a review to its completion, over reviews completed in the period (the mean of the middle two for an even number); `denominator` is how many reviews. NOT_APPLICABLE when none completed.",
    },
  } satisfies MedianEntry,
  ratio("completedWithinTargetShare", "reviewsCompletedWithinTarget", "reviewsCompleted", {
    unit: SHARE,
    description: `reviewsCompletedWithinTarget / reviewsCompleted: the share of reviews completed in the period that met the target (${TARGET}).`,
  }),
  ratio("authorStandardShare", "reviewsInitiatedMeetingStandard", "reviewsInitiated", {
    unit: SHARE,
    description: `Share of reviews initiated in the period with at least one overview author and every overview author meeting the minimum standard (${STANDARD}).`,
  }),
  ratio("mixedBackgroundsShare", "reviewsInitiatedMixedBackgrounds", "reviewsInitiated", {
    unit: SHARE,
    description:
      "Share of reviews initiated in the period whose authors (panel chairs and overview authors) come from at least two professional backgrounds.",
  }),
  ratio("inadequateShareMeetingStandard", "inadequateMeetingStandard", "evaluatedMeetingStandard", {
    unit: SHARE,
    description: "Inadequate share among reviews evaluated in the period whose overview authors all met the minimum standard.",
  }),
  ratio("inadequateShareNotMeetingStandard", "inadequateNotMeetingStandard", "evaluatedNotMeetingStandard", {
    unit: SHARE,
    description:
      "Inadequate share among reviews evaluated in the period whose overview authors did not all meet the minimum standard (or had none recorded).",
  }),
] as const satisfies Table;

// ---- What the table holds ---------------------------------------------------------------------------------

/** The counts of a unit the table keeps: every count, every list, every distribution, the population. */
export type CountsOf<T extends Table> = {
  [E in T[number] as E extends CountEntry | (DifferenceEntry & { implied: false }) ? E["name"] : never]: number;
} & {
  [E in T[number] as E extends ListEntry ? E["name"] : never]: E extends ListEntry<string, infer I> ? Record<I, number> : never;
} & {
  [E in T[number] as E extends PopulationEntry ? E["name"] : never]: number | null;
} & { [D in DistributionName]: Map<number, number> };

type Counts = Record<string, unknown>;

/** A count of the table: a cell of the suppression. */
export interface TableCell {
  name: string;
  /** Shown by some field (as a count, a part of a ratio, the count of a median, or an item of a list). */
  published: boolean;
  /** Its value in a unit's counts. */
  of(counts: Counts): number;
  /** Counted in SQL over `rows` (all of them, or where `when` holds), kept at `path`. */
  sql?: { rows: RowsName; when?: SqlOf };
  /** Where UnitCounts keeps it ([name], or [list, item]); none for an implied count. */
  path?: readonly [string] | readonly [string, string];
  /** Worked out as total − minus (`of`, for a kept one, reads what was worked out). */
  difference?: { total: string; minus: readonly string[]; work(counts: Counts): number };
  splits: readonly (readonly string[])[];
  /** The sources of the records it counts (its rows', and any its condition also reads). */
  sources: readonly CoverageSource[];
}

/** A `Stats` field the table defines, with the sources whose coverage its status depends on. */
export type TableField = { sources: readonly CoverageSource[] } & (
  | { kind: "count"; name: string; cell: string; unit: string; description: string }
  | { kind: "population"; name: string; unit: string; description: string }
  | { kind: "ratio"; name: string; numerator: string; denominator: string; unit: string; description: string }
  | { kind: "rate"; name: string; numerator: string; population: string; unit: string; description: string }
  | { kind: "median"; name: string; distribution: string; count: string; unit: string; description: string }
  | { kind: "list"; name: string; key: string; prefix: string; items: readonly string[]; description: string }
);

export interface TableParts {
  cells: readonly TableCell[];
  /** total = Σ parts within one unit. */
  relations: readonly { total: string; parts: readonly string[] }[];
  fields: readonly TableField[];
  /** The rows each distribution is over. */
  distributions: ReadonlyMap<string, RowsName>;
  population: string | undefined;
}

const NAME = /^[a-z][A-Za-z0-9]*(\.[A-Z_]+)?$/;
/** Column names of a counting statement besides the counts. */
const RESERVED = new Set(["unit", "value", "n"]);

/**
 * Reads a table into its cells, relations and fields, checking it: unique names, every name it refers to
 * defined, differences of counts defined before them. A mistake is a programming error, thrown at start-up.
 */
export function readTable(table: Table): TableParts {
  const errors: string[] = [];
  const cells: TableCell[] = [];
  const byName = new Map<string, TableCell>();
  const fields: TableField[] = [];
  const distributions = new Map<string, RowsName>();
  for (const [rows, def] of Object.entries(ROWS) as [RowsName, Rows][]) if (def.distribution) distributions.set(def.distribution.name, rows);
  let population: string | undefined;

  const value =
    (name: string): ((c: Counts) => number) =>
    (c) => {
      const cell = byName.get(name);
      if (!cell) throw new Error(`unknown count ${name}`);
      return cell.of(c);
    };
  type NewCell = Omit<TableCell, "published" | "of" | "splits" | "difference" | "sources"> & {
    splits?: readonly (readonly string[])[];
    difference?: { total: string; minus: readonly string[] };
    also?: readonly CoverageSource[];
  };
  // A cell's sources: its rows' and what its condition also reads; a difference's, those of what it is made of.
  const sourcesOf = (...names: string[]) => union(names.map((n) => byName.get(n)?.sources ?? []));
  const addCell = ({ difference, also, ...cell }: NewCell) => {
    if (!NAME.test(cell.name) || RESERVED.has(cell.name)) errors.push(`${cell.name}: not a name a count can have`);
    if (byName.has(cell.name)) errors.push(`${cell.name}: defined twice`);
    const path = cell.path;
    let worked: TableCell["difference"];
    if (difference) {
      const { total, minus } = difference;
      for (const m of [total, ...minus]) if (!byName.has(m)) errors.push(`${cell.name}: ${m} is not defined before it`);
      worked = { total, minus, work: (c) => minus.reduce((s, m) => s - value(m)(c), value(total)(c)) };
    }
    const of: (c: Counts) => number =
      path?.length === 1 ? (c) => c[path[0]] as number : path?.length === 2 ? (c) => (c[path[0]] as Record<string, number>)[path[1]]! : worked!.work;
    const sources = cell.sql ? union([[ROWS[cell.sql.rows].source], also ?? []]) : difference ? sourcesOf(difference.total, ...difference.minus) : [];
    const full: TableCell = { ...cell, difference: worked, splits: cell.splits ?? [], published: false, of, sources };
    cells.push(full);
    byName.set(cell.name, full);
  };
  const within = (name: string, w: Within | undefined, rest = w?.rest) => {
    if (w && rest) addCell({ name: rest, difference: { total: w.total, minus: [name] } });
  };

  for (const e of table) {
    switch (e.kind) {
      case "count":
        addCell({ name: e.name, sql: { rows: e.rows, when: e.when }, path: [e.name], splits: e.splits, also: e.also });
        within(e.name, e.within);
        if (e.field)
          fields.push({
            kind: "count",
            name: e.field.name ?? e.name,
            cell: e.name,
            unit: e.field.unit,
            description: e.field.description,
            sources: sourcesOf(e.name),
          });
        break;
      case "difference":
        addCell({ name: e.name, difference: { total: e.total, minus: e.minus }, path: e.implied ? undefined : [e.name], splits: e.splits });
        if (e.field)
          fields.push({
            kind: "count",
            name: e.field.name ?? e.name,
            cell: e.name,
            unit: e.field.unit,
            description: e.field.description,
            sources: sourcesOf(e.name),
          });
        break;
      case "list":
        for (const item of e.items) {
          const name = `${e.cell}${item}`;
          addCell({ name, sql: { rows: e.rows, when: e.when(item) }, path: [e.name, item] });
          if (e.within) within(name, e.within, `${e.within.rest}${item}`);
        }
        fields.push({
          kind: "list",
          name: e.name,
          key: e.key,
          prefix: e.cell,
          items: e.items,
          description: e.description,
          sources: [ROWS[e.rows].source],
        });
        break;
      case "population":
        if (population !== undefined) errors.push(`${e.name}: a second population`);
        population = e.name;
        fields.push({ kind: "population", name: e.name, ...e.field, sources: ["POPULATIONS"] });
        break;
      case "shows":
        fields.push({ kind: "count", name: e.name, cell: e.cell, ...e.field, sources: sourcesOf(e.cell) });
        break;
      case "ratio":
        fields.push({
          kind: "ratio",
          name: e.name,
          numerator: e.numerator,
          denominator: e.denominator,
          ...e.field,
          sources: sourcesOf(e.numerator, e.denominator),
        });
        break;
      case "rate":
        if (population === undefined) errors.push(`${e.name}: a rate needs the population entry before it`);
        fields.push({
          kind: "rate",
          name: e.name,
          numerator: e.numerator,
          population: population ?? "",
          ...e.field,
          sources: union([sourcesOf(e.numerator), ["POPULATIONS"]]),
        });
        break;
      case "median": {
        fields.push({ kind: "median", name: e.name, distribution: e.distribution, count: e.count, ...e.field, sources: sourcesOf(e.count) });
        // Its count must count exactly the rows of its distribution.
        const over = byName.get(e.count)?.sql;
        if (!over || over.when || over.rows !== distributions.get(e.distribution)) {
          errors.push(`${e.name}: ${e.count} is not the count of every row of ${e.distribution}`);
        }
        break;
      }
    }
  }

  // Which cells the fields show.
  const shown = (name: string, field: string) => {
    const cell = byName.get(name);
    if (cell) cell.published = true;
    else errors.push(`${field}: shows ${name}, which the table does not define`);
  };
  const fieldNames = new Set<string>();
  for (const f of fields) {
    if (fieldNames.has(f.name)) errors.push(`${f.name}: two fields of that name`);
    fieldNames.add(f.name);
    if (f.kind === "count") shown(f.cell, f.name);
    if (f.kind === "ratio") for (const n of [f.numerator, f.denominator]) shown(n, f.name);
    if (f.kind === "rate") shown(f.numerator, f.name);
    if (f.kind === "median") shown(f.count, f.name);
    if (f.kind === "list") for (const item of f.items) shown(`${f.prefix}${item}`, f.name);
  }

  const relations = relationsOf(cells);
  for (const r of relations)
    for (const n of [r.total, ...r.parts]) if (!byName.has(n)) errors.push(`a sum of ${r.total} names ${n}, which the table does not define`);
  if (errors.length > 0) throw new Error(`the table of measures is wrong:\n${errors.join("\n")}`);
  return { cells, relations, fields, distributions, population };
}

/** Sources, each once, in the order first named. */
function union(lists: readonly (readonly CoverageSource[])[]): CoverageSource[] {
  return [...new Set(lists.flat())];
}

/**
 * How a unit's counts add up: every split; every difference (total = minus + it); and, for what one count
 * leaves of a total that also splits with that count among the parts, the sum of the other parts (incidents
 * that were not deaths = serious harm + nature not known), which a reader gets by subtracting.
 */
function relationsOf(cells: readonly TableCell[]): { total: string; parts: readonly string[] }[] {
  const relations = new Map<string, { total: string; parts: readonly string[] }>();
  const add = (total: string, parts: readonly string[]) => {
    const key = `${total}=${[...parts].sort().join("+")}`;
    if (!relations.has(key)) relations.set(key, { total, parts });
  };
  for (const c of cells) for (const parts of c.splits) add(c.name, parts);
  for (const c of cells) if (c.difference) add(c.difference.total, [...c.difference.minus, c.name]);
  const known = [...relations.values()];
  const splitsOf = (total: string) => known.filter((r) => r.total === total).map((r) => r.parts);
  for (const c of cells) {
    if (c.difference?.minus.length !== 1) continue;
    const [part] = c.difference.minus;
    for (const split of splitsOf(c.difference.total)) {
      const others = split.filter((p) => p !== part);
      if (split.includes(part!) && !(others.length === 1 && others[0] === c.name)) add(c.name, others);
    }
  }
  return [...relations.values()];
}

/** The table as read, once. */
export const TABLE = readTable(MEASURES);
