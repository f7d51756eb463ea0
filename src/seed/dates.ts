// Dates are ISO "YYYY-MM-DD" strings in the data (text compares and sorts correctly); arithmetic is done on
// whole UTC days since the epoch, so no time zone can shift a date.
const MS_PER_DAY = 86_400_000;

export function toDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function fromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** Whole years from `from` to `to` (anniversaries passed), as used for years of practice. */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

export function inRange(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}
