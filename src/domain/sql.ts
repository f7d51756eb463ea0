// SQL fragments that differ between SQLite and PostgreSQL, behind one interface, and the SQL form of rules
// that aggregates need (the author standard). Every fragment is built from column names and policy constants
// in this file, never from client input; values travel as bound parameters.
import { Prisma } from "../db";
import type { DatabaseKind } from "../config";
import { dialectFor } from "./query/dialect";
import { acceptedMethodologyLevels, type AuthorStandard, MINIMUM_AUTHOR_STANDARD, REVIEW_COMPLETION_TARGET_MONTHS } from "./policy";

const raw = Prisma.raw;

export interface Dialect {
  /** Whole days from date column `from` to date column `to`. */
  daysBetween(from: string, to: string): Prisma.Sql;
  /** The date `months` after date column `date`, as YYYY-MM-DD text, clamped to the end of a shorter month. */
  addMonths(date: string, months: number): Prisma.Sql;
}

/** The fragments of the query compiler's dialect (src/domain/query/dialect.ts), for column names. */
export function dialect(kind: DatabaseKind): Dialect {
  const d = dialectFor(kind);
  return {
    daysBetween: (from, to) => d.daysBetween(raw(from), raw(to)),
    addMonths: (date, months) => d.addMonths(raw(date), Math.trunc(months)),
  };
}

/** The review's target completion date (four months after the decision). */
export function targetDateSql(kind: DatabaseKind, initiatedOn: string): Prisma.Sql {
  return dialect(kind).addMonths(initiatedOn, REVIEW_COMPLETION_TARGET_MONTHS);
}

/** Whole years from text date `from` to text date `to`, birthday-style; the same on both databases. */
function wholeYears(from: string, to: string): string {
  return `(CAST(substr(${to}, 1, 4) AS INTEGER) - CAST(substr(${from}, 1, 4) AS INTEGER) - CASE WHEN substr(${to}, 6, 5) < substr(${from}, 6, 5) THEN 1 ELSE 0 END)`;
}

/**
 * True when review `r` has at least one overview author and every overview author meets the standard on the
 * review's decision date (the rule of author-standard.ts, in SQL).
 */
export function reviewMeetsStandardSql(review: string, standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD): Prisma.Sql {
  const d = `${review}."initiatedOn"`;
  const held = (c: string) => `${c}."attainedOn" <= ${d} AND (${c}."expiresOn" IS NULL OR ${c}."expiresOn" > ${d})`;
  const levels = acceptedMethodologyLevels(standard).map((l) => `'${l}'`).join(", ");
  const fails = [
    standard.requireIndependent ? `NOT a."independent"` : null,
    `NOT EXISTS (SELECT 1 FROM "Competency" c WHERE c."authorId" = a."id" AND c."area" = 'REVIEW_METHODOLOGY' AND c."level" IN (${levels}) AND ${held("c")})`,
    `NOT EXISTS (SELECT 1 FROM "Competency" c WHERE c."authorId" = a."id" AND c."area" = 'CHILD_PROTECTION_PRACTICE' AND ${held("c")} AND c."years" + ${wholeYears(`c."attainedOn"`, d)} >= ${Math.trunc(standard.minimumPracticeYears)})`,
  ]
    .filter((f) => f !== null)
    .join(" OR ");
  return raw(
    `(EXISTS (SELECT 1 FROM "Authorship" s WHERE s."reviewId" = ${review}."id" AND s."role" = 'OVERVIEW_AUTHOR')` +
      ` AND NOT EXISTS (SELECT 1 FROM "Authorship" s JOIN "Author" a ON a."id" = s."authorId" WHERE s."reviewId" = ${review}."id" AND s."role" = 'OVERVIEW_AUTHOR' AND (${fails})))`,
  );
}

/** True when review `r`'s authors (chairs and overview authors) come from at least two backgrounds. */
export function reviewMixedBackgroundsSql(review: string): Prisma.Sql {
  return raw(
    `((SELECT COUNT(DISTINCT a."background") FROM "Authorship" s JOIN "Author" a ON a."id" = s."authorId" WHERE s."reviewId" = ${review}."id") >= 2)`,
  );
}

/** Integers from COUNT and SUM: PostgreSQL returns bigint (and numeric for SUM), SQLite number; null is 0. */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}
