import { builder } from "../builder";
import { badInput } from "../../errors";
import { type Period, PeriodError, resolvePeriod } from "../../domain/dates";

export const PeriodInput = builder.inputType("PeriodInput", {
  description: "An inclusive range of dates: either `from` and `to`, or a UK `financialYear` (1 April to 31 March), not both.",
  fields: (t) => ({
    from: t.field({ type: "Date", description: "First day of the period (inclusive)." }),
    to: t.field({ type: "Date", description: "Last day of the period (inclusive); not before `from`." }),
    financialYear: t.string({
      description: 'A financial year written YYYY-YY, e.g. "2007-08" for 1 April 2007 to 31 March 2008.',
    }),
  }),
});

/** The period an argument names, or a BAD_USER_INPUT error naming the argument and what is allowed. */
export function periodArg(input: { from?: string | null; to?: string | null; financialYear?: string | null }, argument = "period"): Period {
  try {
    return resolvePeriod(input);
  } catch (error) {
    if (error instanceof PeriodError) throw badInput(`${argument}.${error.field}: ${error.message}`, `${argument}.${error.field}`);
    throw error;
  }
}

export const PeriodRef = builder.objectRef<Period>("Period").implement({
  description: "The inclusive range of dates a figure counts over.",
  fields: (t) => ({
    from: t.field({ type: "Date", description: "First day (inclusive).", resolve: (p) => p.from }),
    to: t.field({ type: "Date", description: "Last day (inclusive).", resolve: (p) => p.to }),
  }),
});
