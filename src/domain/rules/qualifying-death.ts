// A qualifying death: a DEATH with abuse or neglect known or suspected, for which Working Together (2006,
// ch. 8) says the board should always hold a serious case review. CONDITION is the rule's one definition: the
// predicate, the SQL and the filter are all read from it, so they cannot disagree.
import { Prisma } from "../../db";
import { col, flag, literal } from "./sql";

const CONDITION = { nature: "DEATH", abuseOrNeglectSuspected: true } as const;
type Condition = { -readonly [K in keyof typeof CONDITION]: (typeof CONDITION)[K] };
type Column = keyof Condition;
const COLUMNS = Object.keys(CONDITION) as Column[];

/** The incident columns the rule reads. */
export interface QualifyingDeathFacts {
  nature: string;
  abuseOrNeglectSuspected: boolean;
}

export const qualifyingDeath = {
  /** The name of its computed field in the filter language (`{ qualifyingDeath: true }`) and group paths. */
  field: "qualifyingDeath" as const,
  /** The columns it reads, as a Prisma select. */
  select: Object.fromEntries(COLUMNS.map((c) => [c, true])) as Record<Column, true>,

  holds(incident: QualifyingDeathFacts): boolean {
    return COLUMNS.every((c) => incident[c] === CONDITION[c]);
  },

  /** True for the incident row `alias`. */
  sql(alias: string): Prisma.Sql {
    return Prisma.sql`(${Prisma.join(
      COLUMNS.map((c) => Prisma.sql`${col(alias, c)} = ${literal(CONDITION[c])}`),
      " AND ",
    )})`;
  },

  /** 1 for a qualifying death, 0 for any other incident. */
  flagSql(alias: string): Prisma.Sql {
    return flag(qualifyingDeath.sql(alias));
  },

  /** The filter for qualifying deaths (true) or every other incident (false, the complement). */
  where(wanted: boolean): Condition | { NOT: Condition } {
    return wanted ? { ...CONDITION } : { NOT: { ...CONDITION } };
  },
};
