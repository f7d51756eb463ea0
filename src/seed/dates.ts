// Date helpers for the generator: the API's own (src/domain/dates.ts) plus whole-day numbers for drawing dates
// at random. Dates are ISO "YYYY-MM-DD" strings; day numbers are whole UTC days since the epoch.
import { addDays, daysBetween } from "../domain/dates";

export { addDays, daysBetween };

const EPOCH = "1970-01-01";

export function toDay(iso: string): number {
  return daysBetween(EPOCH, iso);
}

export function fromDay(day: number): string {
  return addDays(EPOCH, day);
}

export function inRange(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}
