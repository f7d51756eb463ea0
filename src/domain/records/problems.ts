// What a validator reports: every problem of a record at once, each with the input field it concerns, a code
// from a closed set (clients and the import switch on it) and a sentence a steward understands. No GraphQL here.
import { isIsoDate } from "../dates";
import { today } from "../rules";

export const PROBLEM_CODES = {
  REQUIRED: "A value is required and was not given.",
  INVALID_FORMAT: "The value is not written the way the field needs (a date YYYY-MM-DD, a code, a reference, a whole number).",
  NOT_ALLOWED: "The value is not one of the field's allowed values.",
  OUT_OF_RANGE: "The number, length or date is outside what the field allows (too long, negative, in the future).",
  DATE_ORDER: "Two dates of the record are in the wrong order (e.g. notified before it happened).",
  NOT_FOUND: "The value names a record that does not exist (a board code, a review reference).",
  WITHDRAWN: "The value names a record that has been withdrawn.",
  NOT_IN_FORCE: "The board named was not in force on the record's date.",
  NOT_COMPLETED: "The review is not completed, and the change needs a completed review.",
  INCONSISTENT: "The values contradict each other or a rule of the domain (e.g. a grade without an evaluation date).",
  ALREADY_EXISTS: "A record with this natural key exists already (one evaluation per review, one board per code).",
  IN_USE: "The record cannot be withdrawn or changed this way while other records depend on it.",
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export interface Problem {
  /** The input field at fault, from the record's input: ["notifiedOn"], ["agencies", 2, "agency"]. */
  path: (string | number)[];
  code: ProblemCode;
  /** What is wrong and what is allowed, in a sentence a steward understands. */
  message: string;
}

type Path = (string | number)[];
const label = (path: Path) => path.join(".");

/** The allowed values, for a message: "DEATH, SERIOUS_HARM or NOT_KNOWN". */
export function listOf(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? "") : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

const absent = (value: unknown) => value === undefined || value === null || value === "";

/** References and codes: capitals, digits, hyphens and slashes, 1 to 40 characters (SIN-2007-00001, E06000005). */
export const REFERENCE = /^[A-Z0-9][A-Z0-9/-]{0,39}$/;

/**
 * Collects a record's problems. Each check returns the value when it is usable (so later checks that need it,
 * such as the order of two dates, run only on good values) and undefined otherwise.
 */
export class Problems {
  readonly list: Problem[] = [];

  add(path: Path, code: ProblemCode, message: string): void {
    this.list.push({ path, code, message });
  }

  /** Free text or a name: a string of 1 to `max` characters once trimmed. */
  text(path: Path, value: unknown, options: { required: boolean; max: number; what: string }): string | undefined {
    if (absent(value) || (typeof value === "string" && value.trim() === "")) {
      if (options.required) this.add(path, "REQUIRED", `${options.what} (${label(path)}) is required.`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.add(path, "INVALID_FORMAT", `${label(path)} must be text.`);
      return undefined;
    }
    if (value.length > options.max) {
      this.add(path, "OUT_OF_RANGE", `${options.what} (${label(path)}) is ${value.length} characters long; at most ${options.max} are allowed.`);
      return undefined;
    }
    return value;
  }

  /** A code or reference matching `pattern`. */
  code(path: Path, value: unknown, options: { required: boolean; pattern: RegExp; what: string; example: string }): string | undefined {
    if (absent(value)) {
      if (options.required) this.add(path, "REQUIRED", `${options.what} (${label(path)}) is required.`);
      return undefined;
    }
    if (typeof value !== "string" || !options.pattern.test(value)) {
      this.add(path, "INVALID_FORMAT", `${label(path)} "${String(value)}" is not a valid ${options.what}; write it like ${options.example}.`);
      return undefined;
    }
    return value;
  }

  /** An ISO date; with `notFuture`, no later than today (an event that has happened). */
  date(path: Path, value: unknown, options: { required: boolean; notFuture?: boolean }): string | undefined {
    if (absent(value)) {
      if (options.required) this.add(path, "REQUIRED", `${label(path)} is required: a date written YYYY-MM-DD.`);
      return undefined;
    }
    if (typeof value !== "string" || !isIsoDate(value)) {
      this.add(path, "INVALID_FORMAT", `${label(path)} "${String(value)}" is not a date; write a real calendar date as YYYY-MM-DD.`);
      return undefined;
    }
    if (options.notFuture && value > today()) {
      this.add(path, "OUT_OF_RANGE", `${label(path)} ${value} is in the future; it records something that has happened.`);
      return undefined;
    }
    return value;
  }

  /** One of an enum's values. */
  oneOf<T extends string>(path: Path, value: unknown, values: readonly T[], options: { required: boolean }): T | undefined {
    if (absent(value)) {
      if (options.required) this.add(path, "REQUIRED", `${label(path)} is required: one of ${listOf(values)}.`);
      return undefined;
    }
    if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
      this.add(path, "NOT_ALLOWED", `${label(path)} "${String(value)}" is not allowed; use one of ${listOf(values)}.`);
      return undefined;
    }
    return value as T;
  }

  bool(path: Path, value: unknown, options: { required: boolean }): boolean | undefined {
    if (value === undefined || value === null) {
      if (options.required) this.add(path, "REQUIRED", `${label(path)} is required: true or false.`);
      return undefined;
    }
    if (typeof value !== "boolean") {
      this.add(path, "INVALID_FORMAT", `${label(path)} must be true or false.`);
      return undefined;
    }
    return value;
  }

  /** A whole number from `min` to `max`. */
  int(path: Path, value: unknown, options: { required: boolean; min: number; max: number; what: string }): number | undefined {
    if (value === undefined || value === null) {
      if (options.required) this.add(path, "REQUIRED", `${options.what} (${label(path)}) is required: a whole number.`);
      return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.add(path, "INVALID_FORMAT", `${options.what} (${label(path)}) must be a whole number.`);
      return undefined;
    }
    if (value < options.min || value > options.max) {
      this.add(path, "OUT_OF_RANGE", `${options.what} (${label(path)}) is ${value}; it must be from ${options.min} to ${options.max}.`);
      return undefined;
    }
    return value;
  }

  /** `earlier` on or before `later` (both good dates, or the check is skipped). The problem is on `later`. */
  order(earlier: { path: Path; value: string | undefined }, later: { path: Path; value: string | undefined }, sentence: string): void {
    if (earlier.value === undefined || later.value === undefined) return;
    if (later.value < earlier.value)
      this.add(later.path, "DATE_ORDER", `${label(later.path)} ${later.value} is before ${label(earlier.path)} ${earlier.value}: ${sentence}`);
  }
}
