// Calendar dates as ISO "YYYY-MM-DD" strings, and the periods the counting rules use. No GraphQL here.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written YYYY-MM-DD (2007-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An inclusive range of calendar dates. */
export interface Period {
  from: string;
  to: string;
}

export interface PeriodInput {
  from?: string | null;
  to?: string | null;
  financialYear?: string | null;
}

/** A period argument that breaks a rule; `field` is the input field at fault. */
export class PeriodError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

/** The UK financial year "2007-08": 1 April 2007 to 31 March 2008. */
export function financialYearPeriod(label: string): Period {
  const match = FINANCIAL_YEAR.exec(label);
  const start = match ? Number(match[1]) : NaN;
  if (!match || (start + 1) % 100 !== Number(match[2])) {
    throw new PeriodError(
      `financialYear '${label}' is not a financial year; write it as YYYY-YY with consecutive years, e.g. "2007-08"`,
      "financialYear",
    );
  }
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** The financial year label ("2007-08") that contains a date. */
export function financialYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const start = date.slice(5) >= "04-01" ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/** Validates a PeriodInput: either `from` and `to`, or `financialYear`, never both. */
export function resolvePeriod(input: PeriodInput): Period {
  const hasRange = input.from != null || input.to != null;
  if (input.financialYear != null) {
    if (hasRange) {
      throw new PeriodError("give either financialYear or from and to, not both", "financialYear");
    }
    return financialYearPeriod(input.financialYear);
  }
  if (input.from == null || input.to == null) {
    throw new PeriodError(
      'a period needs both from and to (ISO dates, inclusive) or a financialYear such as "2007-08"',
      input.from == null ? "from" : "to",
    );
  }
  for (const field of ["from", "to"] as const) {
    if (!isIsoDate(input[field]!)) {
      throw new PeriodError(`${field} '${input[field]}' is not a date; write it as YYYY-MM-DD`, field);
    }
  }
  if (input.from > input.to) {
    throw new PeriodError(`from (${input.from}) is after to (${input.to}); a period runs forwards`, "from");
  }
  return { from: input.from, to: input.to };
}

/** The middle day of a period (the earlier of the two middle days when it has an even length). */
export function midpoint(period: Period): string {
  return addDays(period.from, Math.floor(daysBetween(period.from, period.to) / 2));
}

/**
 * The mid-year population estimate a rate uses: ONS estimates are for 30 June of a calendar year, and the
 * estimate used is the one for the calendar year that contains the period's midpoint.
 */
export function populationYear(period: Period): number {
  return Number(midpoint(period).slice(0, 4));
}

/** A stable key for a period, for caches and DataLoader keys. */
export function periodKey(period: Period): string {
  return `${period.from}..${period.to}`;
}

/**
 * The same day `months` later, clamped to the end of a shorter month (31 October + 4 months = 28 or 29
 * February), as PostgreSQL's interval arithmetic and SQLite's 'floor' modifier both do.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** Whole years from `from` to `to` (a birthday-style count: 2007-06-30 to 2008-06-29 is 0). */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}
