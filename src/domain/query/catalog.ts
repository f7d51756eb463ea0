// What can be summed and grouped, in the domain's words: the numeric measures of each list and the dimensions
// its rows group by. "The region of a review" is its lead board's region; a finding's dates are its review's.
import { Prisma } from "../../db";
import { bucketSql, type TimeBucket } from "../time-buckets";
import type { Dimension, Measure } from "./aggregates";
import { qualifyingDeath, withinTarget } from "../rules";
import { col, type ComputedField } from "./models";
import { pathValue } from "./values";
import type { Scope } from "./where";

const pathMeasure = (modelName: string, key: string, path: readonly string[]): Measure => ({
  key,
  value: (alias, scope) => pathValue(modelName, path, alias, scope).sql,
});

export const MEASURES = {
  Review: {
    daysToComplete: pathMeasure("Review", "daysToComplete", ["daysToComplete"]),
    daysToEvaluate: pathMeasure("Review", "daysToEvaluate", ["evaluation", "daysToEvaluate"]),
  },
  Incident: {
    daysToNotify: pathMeasure("Incident", "daysToNotify", ["daysToNotify"]),
    daysToDecision: pathMeasure("Incident", "daysToDecision", ["daysToDecision"]),
  },
  Author: {
    reviews: {
      key: "reviews",
      value: (alias: string) =>
        Prisma.sql`(SELECT COUNT(DISTINCT a."reviewId") FROM "Authorship" a WHERE a."authorId" = ${col(alias, "id")} AND a."withdrawnAt" IS NULL)`,
    } satisfies Measure,
  },
} as const;

/** Children aged 0-17 in a board's area at mid-year `year` (null where there is no estimate). */
export function boardPopulation(year: number): Measure {
  return {
    key: `childPopulation:${year}`,
    value: (alias) =>
      Prisma.sql`(SELECT p."children" FROM "ChildPopulation" p WHERE p."boardId" = ${col(alias, "id")} AND p."year" = ${year} AND p."withdrawnAt" IS NULL)`,
  };
}

/** Children aged 0-17 in a region at mid-year `year`: the sum over its boards' estimates (null where none). */
export function regionPopulation(year: number): Measure {
  return {
    key: `childPopulation:${year}`,
    value: (alias) => Prisma.sql`(SELECT SUM(p."children") FROM "Board" b JOIN "ChildPopulation" p ON p."boardId" = b."id"
      WHERE b."regionId" = ${col(alias, "id")} AND p."year" = ${year} AND b."withdrawnAt" IS NULL AND p."withdrawnAt" IS NULL)`,
  };
}

/** How a dimension's value is read from a row: a path of to-one relations to a field. */
function pathDimension(modelName: string, key: string, path: readonly string[]): Dimension {
  return { key, value: (alias, scope) => pathValue(modelName, path, alias, scope) };
}

const BUCKET_LEAF: ComputedField = { kind: "computed", name: "bucket", type: "Int", nullable: true, sql: () => Prisma.empty };

/** The calendar bucket of the date at `datePath`. */
export function bucketDimension(modelName: string, bucket: TimeBucket, datePath: readonly string[]): Dimension {
  return {
    key: bucket,
    value: (alias: string, scope: Scope) => ({ sql: bucketSql(bucket, pathValue(modelName, datePath, alias, scope).sql), leaf: BUCKET_LEAF }),
  };
}

export const DIMENSIONS = {
  Review: {
    REGION: pathDimension("Review", "REGION", ["leadBoard", "region", "code"]),
    BOARD: pathDimension("Review", "BOARD", ["leadBoard", "code"]),
    CRITERIA: pathDimension("Review", "CRITERIA", ["criteria"]),
    METHODOLOGY: pathDimension("Review", "METHODOLOGY", ["methodology"]),
    EVALUATION_GRADE: pathDimension("Review", "EVALUATION_GRADE", ["evaluation", "grade"]),
    WITHIN_TARGET: pathDimension("Review", "WITHIN_TARGET", [withinTarget.field]),
  },
  Incident: {
    REGION: pathDimension("Incident", "REGION", ["board", "region", "code"]),
    BOARD: pathDimension("Incident", "BOARD", ["board", "code"]),
    NATURE: pathDimension("Incident", "NATURE", ["nature"]),
    CHILD_AGE_BAND: pathDimension("Incident", "CHILD_AGE_BAND", ["childAgeBand"]),
    DECISION: pathDimension("Incident", "DECISION", ["decision"]),
    ABUSE_OR_NEGLECT_SUSPECTED: pathDimension("Incident", "ABUSE_OR_NEGLECT_SUSPECTED", ["abuseOrNeglectSuspected"]),
    QUALIFYING: pathDimension("Incident", "QUALIFYING", [qualifyingDeath.field]),
    HAS_REVIEW: pathDimension("Incident", "HAS_REVIEW", ["hasReview"]),
  },
  Finding: {
    REGION: pathDimension("Finding", "REGION", ["review", "leadBoard", "region", "code"]),
    BOARD: pathDimension("Finding", "BOARD", ["review", "leadBoard", "code"]),
    SOURCE: pathDimension("Finding", "SOURCE", ["source"]),
    CATEGORY: pathDimension("Finding", "CATEGORY", ["category"]),
    EVALUATION_GRADE: pathDimension("Finding", "EVALUATION_GRADE", ["review", "evaluation", "grade"]),
  },
  Author: {
    BACKGROUND: pathDimension("Author", "BACKGROUND", ["background"]),
    INDEPENDENT: pathDimension("Author", "INDEPENDENT", ["independent"]),
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
