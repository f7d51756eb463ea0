// What can be summed and grouped, in the domain's words: the numeric measures of each list and the dimensions
// its rows group by. "The region of a review" is its lead board's region; a finding's dates are its review's.
import { Prisma } from "../../db";
import { bucketSql, type TimeBucket } from "../time-buckets";
import type { Dimension, Measure } from "./aggregates";
import { qualifyingDeath, withinTarget } from "../rules";
import type { JoinedRow } from "./joins";
import { col, type ComputedField } from "./models";

// Values on related rows (a review's evaluation, an incident's board's region) come through the row's joins.
const pathMeasure = (key: string, path: readonly string[]): Measure => ({ key, value: (row) => row.value(path).sql });

export const MEASURES = {
  Review: {
    daysToComplete: pathMeasure("daysToComplete", ["daysToComplete"]),
    daysToEvaluate: pathMeasure("daysToEvaluate", ["evaluation", "daysToEvaluate"]),
  },
  Incident: {
    daysToNotify: pathMeasure("daysToNotify", ["daysToNotify"]),
    daysToDecision: pathMeasure("daysToDecision", ["daysToDecision"]),
  },
  Author: {
    reviews: {
      key: "reviews",
      value: (row: JoinedRow) =>
        Prisma.sql`(SELECT COUNT(DISTINCT a."reviewId") FROM "Authorship" a WHERE a."authorId" = ${col(row.alias, "id")} AND a."withdrawnAt" IS NULL)`,
    } satisfies Measure,
  },
} as const;

/** Children aged 0-17 in a board's area at mid-year `year` (null where there is no estimate). */
export function boardPopulation(year: number): Measure {
  return {
    key: `childPopulation:${year}`,
    value: (row) =>
      Prisma.sql`(SELECT p."children" FROM "ChildPopulation" p WHERE p."boardId" = ${col(row.alias, "id")} AND p."year" = ${year} AND p."withdrawnAt" IS NULL)`,
  };
}

/** Children aged 0-17 in a region at mid-year `year`: the sum over its boards' estimates (null where none). */
export function regionPopulation(year: number): Measure {
  return {
    key: `childPopulation:${year}`,
    value: (row) => Prisma.sql`(SELECT SUM(p."children") FROM "Board" b JOIN "ChildPopulation" p ON p."boardId" = b."id"
      WHERE b."regionId" = ${col(row.alias, "id")} AND p."year" = ${year} AND b."withdrawnAt" IS NULL AND p."withdrawnAt" IS NULL)`,
  };
}

/** How a dimension's value is read from a row: a path of to-one relations to a field. */
function pathDimension(key: string, path: readonly string[]): Dimension {
  return { key, value: (row) => row.value(path) };
}

const BUCKET_LEAF: ComputedField = { kind: "computed", name: "bucket", type: "Int", nullable: true, sql: () => Prisma.empty };

/** The calendar bucket of the date at `datePath`. */
export function bucketDimension(bucket: TimeBucket, datePath: readonly string[]): Dimension {
  return { key: bucket, value: (row) => ({ sql: bucketSql(bucket, row.value(datePath).sql), leaf: BUCKET_LEAF }) };
}

export const DIMENSIONS = {
  Review: {
    REGION: pathDimension("REGION", ["leadBoard", "region", "code"]),
    BOARD: pathDimension("BOARD", ["leadBoard", "code"]),
    CRITERIA: pathDimension("CRITERIA", ["criteria"]),
    METHODOLOGY: pathDimension("METHODOLOGY", ["methodology"]),
    EVALUATION_GRADE: pathDimension("EVALUATION_GRADE", ["evaluation", "grade"]),
    WITHIN_TARGET: pathDimension("WITHIN_TARGET", [withinTarget.field]),
  },
  Incident: {
    REGION: pathDimension("REGION", ["board", "region", "code"]),
    BOARD: pathDimension("BOARD", ["board", "code"]),
    NATURE: pathDimension("NATURE", ["nature"]),
    CHILD_AGE_BAND: pathDimension("CHILD_AGE_BAND", ["childAgeBand"]),
    DECISION: pathDimension("DECISION", ["decision"]),
    ABUSE_OR_NEGLECT_SUSPECTED: pathDimension("ABUSE_OR_NEGLECT_SUSPECTED", ["abuseOrNeglectSuspected"]),
    QUALIFYING: pathDimension("QUALIFYING", [qualifyingDeath.field]),
    HAS_REVIEW: pathDimension("HAS_REVIEW", ["hasReview"]),
  },
  Finding: {
    REGION: pathDimension("REGION", ["review", "leadBoard", "region", "code"]),
    BOARD: pathDimension("BOARD", ["review", "leadBoard", "code"]),
    SOURCE: pathDimension("SOURCE", ["source"]),
    CATEGORY: pathDimension("CATEGORY", ["category"]),
    EVALUATION_GRADE: pathDimension("EVALUATION_GRADE", ["review", "evaluation", "grade"]),
  },
  Author: {
    BACKGROUND: pathDimension("BACKGROUND", ["background"]),
    INDEPENDENT: pathDimension("INDEPENDENT", ["independent"]),
  },
} as const;

/** The dates each list's time buckets can be taken from, as paths from its rows. */
export const DATES = {
  Review: {
    INITIATED_ON: ["initiatedOn"],
    COMPLETED_ON: ["completedOn"],
    RECEIVED_ON: ["evaluation", "receivedOn"],
    EVALUATED_ON: ["evaluation", "evaluatedOn"],
  },
  Incident: {
    NOTIFIED_ON: ["notifiedOn"],
    OCCURRED_ON: ["occurredOn"],
    DECISION_ON: ["decisionOn"],
  },
  Finding: {
    INITIATED_ON: ["review", "initiatedOn"],
    COMPLETED_ON: ["review", "completedOn"],
    RECEIVED_ON: ["review", "evaluation", "receivedOn"],
    EVALUATED_ON: ["review", "evaluation", "evaluatedOn"],
  },
} as const;
