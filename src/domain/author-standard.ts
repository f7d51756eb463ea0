// Whether an author meets the minimum standard on a date, and why not. The same rule is written in SQL in
// sql.ts for the aggregate figures; a test checks the two agree on the whole seed.
import { addMonths, wholeYearsBetween } from "./dates";
import { acceptedMethodologyLevels, type AuthorStandard, MINIMUM_AUTHOR_STANDARD, REVIEW_COMPLETION_TARGET_MONTHS } from "./policy";

export type StandardShortfall = "NOT_INDEPENDENT" | "NO_REVIEW_METHODOLOGY" | "TOO_FEW_PRACTICE_YEARS";

export interface CompetencyRecord {
  area: string;
  level: string | null;
  years: number | null;
  attainedOn: string;
  expiresOn: string | null;
}

export interface AuthorRecord {
  independent: boolean;
  competencies: readonly CompetencyRecord[];
}

export interface StandardAssessment {
  meets: boolean;
  shortfalls: StandardShortfall[];
  /** Whole years of child protection practice held on the date (the best record), or null if none. */
  practiceYears: number | null;
}

function heldOn(c: CompetencyRecord, date: string): boolean {
  return c.attainedOn <= date && (c.expiresOn === null || c.expiresOn > date);
}

export function assessAuthor(author: AuthorRecord, date: string, standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD): StandardAssessment {
  const shortfalls: StandardShortfall[] = [];
  if (standard.requireIndependent && !author.independent) shortfalls.push("NOT_INDEPENDENT");
  const levels: string[] = acceptedMethodologyLevels(standard);
  const methodology = author.competencies.some(
    (c) => c.area === "REVIEW_METHODOLOGY" && c.level !== null && levels.includes(c.level) && heldOn(c, date),
  );
  if (!methodology) shortfalls.push("NO_REVIEW_METHODOLOGY");
  const years = author.competencies
    .filter((c) => c.area === "CHILD_PROTECTION_PRACTICE" && c.years !== null && heldOn(c, date))
    .map((c) => c.years! + wholeYearsBetween(c.attainedOn, date));
  const practiceYears = years.length > 0 ? Math.max(...years) : null;
  if (practiceYears === null || practiceYears < standard.minimumPracticeYears) shortfalls.push("TOO_FEW_PRACTICE_YEARS");
  return { meets: shortfalls.length === 0, shortfalls, practiceYears };
}

/**
 * A review meets the standard when it has at least one overview author and every overview author meets it on
 * the review's decision date.
 */
export function reviewMeetsStandard(
  initiatedOn: string,
  authorships: readonly { role: string; author: AuthorRecord }[],
  standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD,
): boolean {
  const overview = authorships.filter((a) => a.role === "OVERVIEW_AUTHOR");
  return overview.length > 0 && overview.every((a) => assessAuthor(a.author, initiatedOn, standard).meets);
}

/** The last day a review can be completed and still meet the four-month target. */
export function targetDate(initiatedOn: string): string {
  return addMonths(initiatedOn, REVIEW_COMPLETION_TARGET_MONTHS);
}
