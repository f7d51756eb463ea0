// Calendar buckets for dates: UK financial year (1 April to 31 March), calendar year, calendar quarter and month.
// Each bucket has a label ("2007-08", 2007, "2007-Q3", "2007-09"), the inclusive date range it covers (for
// filters), and a portable SQL expression that computes its label from an ISO date column (for group-by).
// ISO dates are text, so plain substr and CASE do it identically on SQLite and PostgreSQL.
import { Prisma } from "../db";
import { financialYearPeriod, type Period, PeriodError } from "./dates";

type Sql = Prisma.Sql;

export const TIME_BUCKETS = ["FINANCIAL_YEAR", "CALENDAR_YEAR", "QUARTER", "MONTH"] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

const pad2 = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): string {
  return `${year}-${pad2(month)}-${pad2(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** "2007-08" for the financial year that starts in April 2007. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}-${pad2((startYear + 1) % 100)}`;
}

function calendarYearPeriod(year: number): Period {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new PeriodError(`calendarYear ${year} is not a four-digit year`, "calendarYear");
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** "2007-Q3": July to September 2007 (calendar quarters). */
function quarterPeriod(label: string): Period {
  const match = QUARTER.exec(label);
  if (!match) throw new PeriodError(`quarter '${label}' is not a quarter; write it as YYYY-Qn with n from 1 to 4, e.g. "2007-Q3"`, "quarter");
  const year = Number(match[1]);
  const q = Number(match[2]);
  return { from: `${year}-${pad2(q * 3 - 2)}-01`, to: lastDayOfMonth(year, q * 3) };
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2007-09": 1 to 30 September 2007. */
function monthPeriod(label: string): Period {
  const match = MONTH.exec(label);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new PeriodError(`month '${label}' is not a month; write it as YYYY-MM, e.g. "2007-09"`, "month");
  }
  return { from: `${match[1]}-${match[2]}-01`, to: lastDayOfMonth(Number(match[1]), month) };
}

/** The dates a bucket label covers; a PeriodError naming the bucket when the label is malformed. */
export function bucketPeriod(bucket: TimeBucket, label: string | number): Period {
  switch (bucket) {
    case "FINANCIAL_YEAR":
      return financialYearPeriod(String(label));
    case "CALENDAR_YEAR":
      return calendarYearPeriod(Number(label));
    case "QUARTER":
      return quarterPeriod(String(label));
    case "MONTH":
      return monthPeriod(String(label));
  }
}

/**
 * The bucket of an ISO date expression, null when the date is: the financial year's starting year (an
 * integer, formatted by `bucketLabel`), the calendar year, "YYYY-Qn" or "YYYY-MM". All sort chronologically.
 */
export function bucketSql(bucket: TimeBucket, date: Sql): Sql {
  const year = Prisma.sql`CAST(substr(${date}, 1, 4) AS INTEGER)`;
  switch (bucket) {
    case "FINANCIAL_YEAR":
      return Prisma.sql`(${year} - CASE WHEN substr(${date}, 6, 2) < '04' THEN 1 ELSE 0 END)`;
    case "CALENDAR_YEAR":
      return year;
    case "QUARTER":
      return Prisma.sql`(substr(${date}, 1, 4) || '-Q' || CAST((CAST(substr(${date}, 6, 2) AS INTEGER) + 2) / 3 AS TEXT))`;
    case "MONTH":
      return Prisma.sql`substr(${date}, 1, 7)`;
  }
}

/** The API's label for a value of `bucketSql`. */
export function bucketLabel(bucket: TimeBucket, value: string | number): string | number {
  return bucket === "FINANCIAL_YEAR" ? financialYearLabel(Number(value)) : value;
}
