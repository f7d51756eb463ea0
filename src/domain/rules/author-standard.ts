// The minimum author standard (policy.ts: MINIMUM_AUTHOR_STANDARD): whether an author met it on a date and why
// not, and whether a review's overview authors all met it on its decision date. Each part of the standard is
// written here twice, as a TypeScript test and as the SQL condition that it fails, side by side; a test checks
// the two agree for every author of every review in the seed.
import { Prisma } from "../../db";
import { wholeYearsBetween } from "../dates";
import { acceptedMethodologyLevels, type AuthorStandard, MINIMUM_AUTHOR_STANDARD } from "../policy";
import { competencyHeld } from "./competency-held";
import { col, literal } from "./sql";

type Sql = Prisma.Sql;

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

/** Whole years from text date `from` to text date `to`, birthday-style (dates.ts wholeYearsBetween in SQL). */
function wholeYearsSql(from: Sql, to: Sql): Sql {
  return Prisma.sql`(CAST(substr(${to}, 1, 4) AS INTEGER) - CAST(substr(${from}, 1, 4) AS INTEGER) - CASE WHEN substr(${to}, 6, 5) < substr(${from}, 6, 5) THEN 1 ELSE 0 END)`;
}

/** A competency of the author row `author` that holds on `date` and satisfies `condition` (alias "sc"). */
function hasCompetency(author: string, date: Sql, condition: Sql): Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Competency" "sc" WHERE "sc"."authorId" = ${col(author, "id")} AND "sc"."withdrawnAt" IS NULL AND ${competencyHeld.sql("sc", date)} AND ${condition})`;
}

/**
 * Each part of the standard: `fails` in TypeScript, and `failsSql`, the SQL condition true when the author row
 * `author` falls short on `date`. A part a standard does not ask for is never failed.
 */
const PARTS: readonly {
  shortfall: StandardShortfall;
  fails(author: AuthorRecord, date: string, standard: AuthorStandard): boolean;
  failsSql(author: string, date: Sql, standard: AuthorStandard): Sql;
}[] = [
  {
    shortfall: "NOT_INDEPENDENT",
    fails: (a, _date, s) => s.requireIndependent && !a.independent,
    failsSql: (a, _date, s) => (s.requireIndependent ? Prisma.sql`NOT ${col(a, "independent")}` : Prisma.raw("1=0")),
  },
  {
    shortfall: "NO_REVIEW_METHODOLOGY",
    fails: (a, date, s) => {
      const levels: string[] = acceptedMethodologyLevels(s);
      return !a.competencies.some(
        (c) => c.area === "REVIEW_METHODOLOGY" && c.level !== null && levels.includes(c.level) && competencyHeld.holds(c, date),
      );
    },
    failsSql: (a, date, s) =>
      Prisma.sql`NOT ${hasCompetency(a, date, Prisma.sql`"sc"."area" = 'REVIEW_METHODOLOGY' AND "sc"."level" IN (${Prisma.join(acceptedMethodologyLevels(s).map(literal))})`)}`,
  },
  {
    shortfall: "TOO_FEW_PRACTICE_YEARS",
    fails: (a, date, s) => {
      const years = practiceYears(a, date);
      return years === null || years < s.minimumPracticeYears;
    },
    failsSql: (a, date, s) =>
      Prisma.sql`NOT ${hasCompetency(a, date, Prisma.sql`"sc"."area" = 'CHILD_PROTECTION_PRACTICE' AND "sc"."years" + ${wholeYearsSql(Prisma.raw(`"sc"."attainedOn"`), date)} >= ${Prisma.raw(String(Math.trunc(s.minimumPracticeYears)))}`)}`,
  },
];

/** Whole years of child protection practice held on `date`: the best record's recorded years plus time since. */
function practiceYears(author: AuthorRecord, date: string): number | null {
  const years = author.competencies
    .filter((c) => c.area === "CHILD_PROTECTION_PRACTICE" && c.years !== null && competencyHeld.holds(c, date))
    .map((c) => c.years! + wholeYearsBetween(c.attainedOn, date));
  return years.length > 0 ? Math.max(...years) : null;
}

export const authorStandard = {
  /** The review's computed flag in the filter language (`{ authorsMeetStandard: true }`). */
  reviewField: "authorsMeetStandard" as const,
  /** The author's condition on a date in the filter language (`{ meetsStandardOn: { on, meets } }`). */
  authorField: "meetsStandardOn" as const,

  /** The filter for reviews whose overview authors all met the standard (true), or the others (false). */
  reviewWhere(wanted: boolean): { authorsMeetStandard: boolean } {
    return { [authorStandard.reviewField]: wanted };
  },
  /** The filter for authors who met the standard on `on` (meets: true), or did not (false). */
  authorWhere(on: string, meets: boolean): { meetsStandardOn: { on: string; meets: boolean } } {
    return { [authorStandard.authorField]: { on, meets } };
  },

  /** The minimum standard in words, for descriptions. */
  words: `independent, REVIEW_METHODOLOGY at least ${MINIMUM_AUTHOR_STANDARD.minimumMethodologyLevel}, at least ${MINIMUM_AUTHOR_STANDARD.minimumPracticeYears} years of CHILD_PROTECTION_PRACTICE, all held at the review's decision date`,

  /** Whether an author met the standard on a date, and the parts not met. */
  assess(author: AuthorRecord, date: string, standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD): StandardAssessment {
    const shortfalls = PARTS.filter((p) => p.fails(author, date, standard)).map((p) => p.shortfall);
    return { meets: shortfalls.length === 0, shortfalls, practiceYears: practiceYears(author, date) };
  },

  /** For the author row `author` on `date`: each part as the SQL condition true when it is not met. */
  shortfallsSql(author: string, date: Sql, standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD): Record<StandardShortfall, Sql> {
    return Object.fromEntries(PARTS.map((p) => [p.shortfall, p.failsSql(author, date, standard)])) as Record<StandardShortfall, Sql>;
  },

  /** practiceYears in SQL: the author row `author`'s whole years of child protection practice held on `date`, or null. */
  practiceYearsSql(author: string, date: Sql): Sql {
    return Prisma.sql`(SELECT MAX("sc"."years" + ${wholeYearsSql(Prisma.raw(`"sc"."attainedOn"`), date)}) FROM "Competency" "sc" WHERE "sc"."authorId" = ${col(author, "id")} AND "sc"."withdrawnAt" IS NULL AND "sc"."area" = 'CHILD_PROTECTION_PRACTICE' AND "sc"."years" IS NOT NULL AND ${competencyHeld.sql("sc", date)})`;
  },

  /** True when the author row `author` met the standard on `date`. */
  authorMeetsSql(author: string, date: Sql, standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD): Sql {
    return Prisma.sql`NOT (${Prisma.join(Object.values(authorStandard.shortfallsSql(author, date, standard)), " OR ")})`;
  },

  /**
   * A review meets the standard when it has at least one overview author and every overview author met it on
   * the review's decision date.
   */
  reviewMeets(
    initiatedOn: string,
    authorships: readonly { role: string; author: AuthorRecord }[],
    standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD,
  ): boolean {
    const overview = authorships.filter((a) => a.role === "OVERVIEW_AUTHOR");
    return overview.length > 0 && overview.every((a) => authorStandard.assess(a.author, initiatedOn, standard).meets);
  },

  /** The same for the review row `review`, in SQL. */
  reviewMeetsSql(review: string, standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD): Sql {
    const overview = (more: Sql) =>
      Prisma.sql`EXISTS (SELECT 1 FROM "Authorship" "ss" JOIN "Author" "sa" ON "sa"."id" = "ss"."authorId" WHERE "ss"."reviewId" = ${col(review, "id")} AND "ss"."withdrawnAt" IS NULL AND "ss"."role" = 'OVERVIEW_AUTHOR' AND ${more})`;
    return Prisma.sql`(${overview(Prisma.raw("1=1"))} AND NOT ${overview(Prisma.sql`NOT (${authorStandard.authorMeetsSql("sa", col(review, "initiatedOn"), standard)})`)})`;
  },
};
