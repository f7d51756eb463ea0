// A competency is held on a date when it was attained on or before that day and lapses (if ever) after it:
// the expiry day itself is not covered. Part of the author standard, and the `heldOn` filter on competencies.
import { Prisma } from "../../db";
import { col } from "./sql";

export interface CompetencyDates {
  attainedOn: string;
  expiresOn: string | null;
}

export const competencyHeld = {
  holds(competency: CompetencyDates, date: string): boolean {
    return competency.attainedOn <= date && (competency.expiresOn === null || competency.expiresOn > date);
  },

  /** True for the competency row `alias` on the date `date` (a bound value or a date column). */
  sql(alias: string, date: Prisma.Sql): Prisma.Sql {
    return Prisma.sql`(${col(alias, "attainedOn")} <= ${date} AND (${col(alias, "expiresOn")} IS NULL OR ${col(alias, "expiresOn")} > ${date}))`;
  },

  /** The filter for competencies held on `date`, as conditions that must all hold. */
  where(date: string) {
    return [{ attainedOn: { lte: date } }, { OR: [{ expiresOn: null }, { expiresOn: { gt: date } }] }];
  },
};
