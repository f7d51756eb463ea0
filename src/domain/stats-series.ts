// A series: consecutive periods of one kind (financial years, calendar years, quarters or months) from one label
// to another, in order, for a trend in one request. No GraphQL here. Their counts come from countBoardsOver
// (stats.ts): the same nine statements however many periods there are, so the bound below is on the size of
// the answer (and of those statements), not on their number.
import { addDays, financialYearOf, type Period, PeriodError } from "./dates";
import { bucketPeriod, type TimeBucket } from "./time-buckets";

/** The most periods one series may have: five years of months. */
export const MAX_SERIES_PERIODS = 60;

export interface SeriesPeriod {
  label: string;
  period: Period;
}

/** A series that cannot be made: what was wrong, and the argument it was in ("from", "to", or the series). */
export class SeriesError extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message);
  }
}

/** The label of the bucket of kind `by` that contains `date`. */
function labelOf(by: TimeBucket, date: string): string {
  const year = date.slice(0, 4);
  switch (by) {
    case "FINANCIAL_YEAR":
      return financialYearOf(date);
    case "CALENDAR_YEAR":
      return year;
    case "QUARTER":
      return `${year}-Q${Math.floor((Number(date.slice(5, 7)) + 2) / 3)}`;
    case "MONTH":
      return date.slice(0, 7);
  }
}

function periodOf(by: TimeBucket, label: string, argument: "from" | "to"): Period {
  try {
    return bucketPeriod(by, label);
  } catch (error) {
    if (error instanceof PeriodError) throw new SeriesError(`${argument}: ${error.message} (the series is by ${by})`, argument);
    throw error;
  }
}

/** The periods from the bucket labelled `from` to the one labelled `to`, both included, in order. */
export function seriesPeriods(by: TimeBucket, from: string, to: string): SeriesPeriod[] {
  const first = periodOf(by, from, "from");
  const last = periodOf(by, to, "to");
  if (first.from > last.from) throw new SeriesError(`from ${from} comes after to ${to}; a series runs forward in time`, "to");
  const out: SeriesPeriod[] = [];
  for (let start = first.from; start <= last.from;) {
    const label = labelOf(by, start);
    const period = bucketPeriod(by, label);
    out.push({ label, period });
    if (out.length > MAX_SERIES_PERIODS) {
      throw new SeriesError(
        `from ${from} to ${to} is more than ${MAX_SERIES_PERIODS} periods; a series has at most ${MAX_SERIES_PERIODS} (e.g. five years of months): ask for a shorter span or a longer period`,
        "to",
      );
    }
    start = addDays(period.to, 1);
  }
  return out;
}
