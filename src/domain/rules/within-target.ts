// Within target: a review should be completed by its target date, REVIEW_COMPLETION_TARGET_MONTHS after the
// decision to hold it (same day of the month, or the month's last day). The target date is the rule's one
// definition; everything else compares a date with it, the same way in TypeScript and in SQL.
import { Prisma } from "../../db";
import { addMonths } from "../dates";
import { REVIEW_COMPLETION_TARGET_MONTHS } from "../policy";
import type { Dialect } from "../query/dialect";
import { col } from "./sql";

type Sql = Prisma.Sql;
const MONTHS = REVIEW_COMPLETION_TARGET_MONTHS;

export interface ReviewDates {
  initiatedOn: string;
  completedOn: string | null;
}

export const withinTarget = {
  /** The computed field's name in the filter language (`{ withinTarget: true }`) and group paths. */
  field: "withinTarget" as const,
  /** The target date in words, for descriptions. */
  words: `${MONTHS} months after the decision to hold the review (same day of the month, or the month's last day)`,

  /** The last day a review can be completed and still meet the target. */
  targetDate(initiatedOn: string): string {
    return addMonths(initiatedOn, MONTHS);
  },
  targetDateSql(alias: string, dialect: Dialect): Sql {
    return dialect.addMonths(col(alias, "initiatedOn"), MONTHS);
  },

  /** A completed review met its target. */
  completedInTime(review: { initiatedOn: string; completedOn: string }): boolean {
    return review.completedOn <= withinTarget.targetDate(review.initiatedOn);
  },
  completedInTimeSql(alias: string, dialect: Dialect): Sql {
    return Prisma.sql`${col(alias, "completedOn")} <= ${withinTarget.targetDateSql(alias, dialect)}`;
  },

  /** The target date fell before `date`: a review still open on `date` is late by then. */
  pastTargetBefore(initiatedOn: string, date: string): boolean {
    return withinTarget.targetDate(initiatedOn) < date;
  },
  pastTargetBeforeSql(alias: string, dialect: Dialect, date: Sql): Sql {
    return Prisma.sql`${withinTarget.targetDateSql(alias, dialect)} < ${date}`;
  },

  /**
   * Review.withinTarget: completed in time (true) or not (false); an open review is late (false) once the
   * target date is before `today`, and undecided (null) until then.
   */
  status(review: ReviewDates, today: string): boolean | null {
    if (review.completedOn !== null) return withinTarget.completedInTime({ ...review, completedOn: review.completedOn });
    return withinTarget.pastTargetBefore(review.initiatedOn, today) ? false : null;
  },
  /** The filter on the status (the computed field below). */
  where(wanted: boolean): { withinTarget: boolean } {
    return { [withinTarget.field]: wanted };
  },
  /** The status as a flag: 1, 0, or null while undecided. */
  statusSql(alias: string, dialect: Dialect, today: string): Sql {
    return Prisma.sql`(CASE WHEN ${col(alias, "completedOn")} IS NOT NULL THEN (CASE WHEN ${withinTarget.completedInTimeSql(alias, dialect)} THEN 1 ELSE 0 END) WHEN ${withinTarget.pastTargetBeforeSql(alias, dialect, Prisma.sql`${today}`)} THEN 0 ELSE NULL END)`;
  },
};

/** Today's date, as the status of open reviews reads it. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
