// Typed filter operators shared by every `where` input, and their translation to the filter language that
// src/domain/query compiles to SQL (src/domain/query/filter.ts).
import type { InputObjectRef } from "@pothos/core";
import type { TextFilter, ValueFilter } from "../../domain/query/filter";
import { builder } from "../builder";
import { badInput } from "../../errors";
import { addDays, type Period, PeriodError } from "../../domain/dates";
import { bucketPeriod, type TimeBucket } from "../../domain/time-buckets";

type SchemaTypesOf = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export type Nullable<T> = T | null | undefined;

/** The combinators every `where` input has. */
export interface Combinators<W> {
  AND?: Nullable<readonly W[]>;
  OR?: Nullable<readonly W[]>;
  NOT?: Nullable<W>;
}

export const DateFilter = builder.inputRef<DateInput>("DateFilter").implement({
  description:
    "Conditions on a date; all given conditions must hold. Dates are YYYY-MM-DD and ranges inclusive. `financialYear`, `calendarYear`, `quarter` and `month` are time buckets: the date falls in that bucket.",
  fields: (t) => ({
    eq: t.field({ type: "Date", description: "Exactly this date." }),
    ne: t.field({ type: "Date", description: "Any date but this one (an absent date does not match)." }),
    in: t.field({ type: ["Date"], description: "One of these dates." }),
    notIn: t.field({ type: ["Date"], description: "None of these dates (an absent date does not match)." }),
    gt: t.field({ type: "Date", description: "After this date." }),
    gte: t.field({ type: "Date", description: "On or after this date." }),
    lt: t.field({ type: "Date", description: "Before this date." }),
    lte: t.field({ type: "Date", description: "On or before this date." }),
    isNull: t.boolean({ description: "True: the date is absent. False: the date is present." }),
    financialYear: t.string({ description: 'In this UK financial year (1 April to 31 March), written YYYY-YY, e.g. "2007-08".' }),
    calendarYear: t.int({ description: "In this calendar year, e.g. 2007." }),
    quarter: t.string({ description: 'In this calendar quarter, written YYYY-Qn, e.g. "2007-Q3" (July to September 2007).' }),
    month: t.string({ description: 'In this calendar month, written YYYY-MM, e.g. "2007-09".' }),
  }),
});

export const IntFilter = builder.inputRef<RangeInput<number>>("IntFilter").implement({
  description: "Conditions on a whole number; all given conditions must hold.",
  fields: (t) => ({
    eq: t.int({ description: "Exactly this number." }),
    ne: t.int({ description: "Any number but this one." }),
    in: t.intList({ description: "One of these numbers." }),
    notIn: t.intList({ description: "None of these numbers." }),
    gt: t.int({ description: "Greater than this." }),
    gte: t.int({ description: "At least this." }),
    lt: t.int({ description: "Less than this." }),
    lte: t.int({ description: "At most this." }),
    isNull: t.boolean({ description: "True: the number is absent. False: the number is present." }),
  }),
});

export const StringFilter = builder.inputType("StringFilter", {
  description:
    "Conditions on text; all given conditions must hold. `eq`, `ne`, `in` and `notIn` are exact; `contains`, `startsWith` and `endsWith` ignore the case of the letters A to Z (identically on every database) and take `%` and `_` literally.",
  fields: (t) => ({
    eq: t.string({ description: "Exactly this text (case matters)." }),
    ne: t.string({ description: "Anything but this text." }),
    in: t.stringList({ description: "One of these texts (exact)." }),
    notIn: t.stringList({ description: "None of these texts (exact)." }),
    contains: t.string({ description: "Contains this text, ignoring case." }),
    startsWith: t.string({ description: "Starts with this text, ignoring case." }),
    endsWith: t.string({ description: "Ends with this text, ignoring case." }),
  }),
});

export interface RangeInput<T> {
  eq?: Nullable<T>;
  ne?: Nullable<T>;
  in?: Nullable<readonly T[]>;
  notIn?: Nullable<readonly T[]>;
  gt?: Nullable<T>;
  gte?: Nullable<T>;
  lt?: Nullable<T>;
  lte?: Nullable<T>;
  isNull?: Nullable<boolean>;
}

/**
 * Translates operators to the filter language. An explicit null in any operator but `isNull` is refused: it would
 * otherwise be dropped and the filter would silently match everything. `isNull` on a column that always has
 * a value matches nothing (true) or everything (false).
 */
export function rangeWhere<T>(input: Nullable<RangeInput<T>>, argument: string, nullable = false): ValueFilter<T> | undefined {
  if (input == null) return undefined;
  for (const [op, value] of Object.entries(input)) {
    if (value === null && op !== "isNull") {
      throw badInput(`${argument}.${op} is null; to match an absent value use isNull: true`, `${argument}.${op}`);
    }
  }
  const out: ValueFilter<T> = {};
  if (input.eq != null) out.equals = input.eq;
  if (input.ne != null) out.not = input.ne;
  if (input.in != null) out.in = [...input.in];
  if (input.notIn != null) out.notIn = [...input.notIn];
  if (input.gt != null) out.gt = input.gt;
  if (input.gte != null) out.gte = input.gte;
  if (input.lt != null) out.lt = input.lt;
  if (input.lte != null) out.lte = input.lte;
  if (input.isNull === true) {
    if (Object.keys(out).length > 0) {
      throw badInput(`${argument}: isNull: true cannot be combined with other conditions`, argument);
    }
    return nullable ? { equals: null } : { in: [] };
  }
  if (input.isNull === false && nullable && out.not === undefined) {
    out.not = null;
  }
  checkBounds(input, argument);
  return out;
}

/** Refuses a range that is the wrong way round (a lower bound above the upper one), which would match nothing. */
function checkBounds<T>(input: RangeInput<T>, argument: string): void {
  const lower = input.gte ?? input.gt;
  const upper = input.lte ?? input.lt;
  if (lower == null || upper == null) return;
  const strict = (input.gte == null && input.gt != null) || (input.lte == null && input.lt != null);
  if (lower > upper || (strict && lower === upper)) {
    const from = input.gte != null ? `gte ${String(input.gte)}` : `gt ${String(input.gt)}`;
    const to = input.lte != null ? `lte ${String(input.lte)}` : `lt ${String(input.lt)}`;
    throw badInput(`${argument}: ${from} is not below ${to}; a range runs from the lower bound to the upper one`, argument);
  }
}

/** A date filter: the range operators and the time buckets (financial year, calendar year, quarter, month). */
export interface DateInput extends RangeInput<string> {
  financialYear?: Nullable<string>;
  calendarYear?: Nullable<number>;
  quarter?: Nullable<string>;
  month?: Nullable<string>;
}

const BUCKET_FIELDS: [keyof DateInput, TimeBucket][] = [
  ["financialYear", "FINANCIAL_YEAR"],
  ["calendarYear", "CALENDAR_YEAR"],
  ["quarter", "QUARTER"],
  ["month", "MONTH"],
];

/**
 * Date conditions. Time buckets become inclusive ranges that must all hold with the other conditions, and
 * strict bounds become inclusive ones, so that a set of conditions that leaves no date (2009-01-01 on or after
 * and financial year 2007-08) is refused rather than silently matching nothing.
 */
export function dateWhere(input: Nullable<DateInput>, argument: string, nullable = false): ValueFilter<string> | undefined {
  if (input == null) return undefined;
  const { financialYear: _fy, calendarYear: _cy, quarter: _q, month: _m, ...range } = input;
  const buckets: Period[] = [];
  for (const [name, bucket] of BUCKET_FIELDS) {
    const label = input[name];
    if (label === undefined) continue;
    if (label === null) throw badInput(`${argument}.${name} is null; give a value or leave it out`, `${argument}.${name}`);
    try {
      buckets.push(bucketPeriod(bucket, label as string | number));
    } catch (error) {
      if (error instanceof PeriodError) throw badInput(`${argument}.${name}: ${error.message}`, `${argument}.${name}`);
      throw error;
    }
  }
  if (buckets.length > 0 && input.isNull === true) {
    throw badInput(`${argument}: isNull: true cannot be combined with a time bucket`, argument);
  }
  const out = rangeWhere(range, argument, nullable);
  if (buckets.length === 0 || !out) return out;
  const from = [range.gte, range.gt != null ? addDays(range.gt, 1) : undefined, ...buckets.map((b) => b.from)]
    .filter((d): d is string => d != null)
    .reduce((a, b) => (a > b ? a : b));
  const to = [range.lte, range.lt != null ? addDays(range.lt, -1) : undefined, ...buckets.map((b) => b.to)]
    .filter((d): d is string => d != null)
    .reduce((a, b) => (a < b ? a : b));
  if (from > to) {
    throw badInput(`${argument}: the conditions leave no date (the latest start, ${from}, is after the earliest end, ${to})`, argument);
  }
  delete out.gt;
  delete out.lt;
  return { ...out, gte: from, lte: to };
}

export interface StringInput {
  eq?: Nullable<string>;
  ne?: Nullable<string>;
  in?: Nullable<readonly string[]>;
  notIn?: Nullable<readonly string[]>;
  contains?: Nullable<string>;
  startsWith?: Nullable<string>;
  endsWith?: Nullable<string>;
}

/** Text conditions. `contains`, `startsWith` and `endsWith` ignore ASCII case (see src/domain/query/where.ts). */
export function stringWhere(input: Nullable<StringInput>, argument: string): TextFilter | undefined {
  if (input == null) return undefined;
  for (const [op, value] of Object.entries(input)) {
    if (value === null) throw badInput(`${argument}.${op} is null; give a value or leave it out`, `${argument}.${op}`);
  }
  const out: TextFilter = {};
  if (input.eq != null) out.equals = input.eq;
  if (input.ne != null) out.not = input.ne;
  if (input.in != null) out.in = [...input.in];
  if (input.notIn != null) out.notIn = [...input.notIn];
  if (input.contains != null) out.contains = input.contains;
  if (input.startsWith != null) out.startsWith = input.startsWith;
  if (input.endsWith != null) out.endsWith = input.endsWith;
  return out;
}

/**
 * Refuses an explicit null for any condition of a `where` input: dropping it would silently widen the filter to
 * everything, and guessing that it means "is absent" would be a surprise. Absent values have `isNull`.
 */
export function rejectNulls(input: object, argument: string): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === null) {
      throw badInput(`${argument}.${key} is null; give a condition or leave it out (absent values are matched with isNull)`, `${argument}.${key}`);
    }
  }
}

/** AND/OR/NOT combinators shared by every `where` input; also refuses explicit nulls in the input. */
export function combine<W, P extends object>(
  input: { AND?: Nullable<readonly W[]>; OR?: Nullable<readonly W[]>; NOT?: Nullable<W> },
  translate: (w: W, argument: string) => P,
  argument: string,
): { AND?: P[]; OR?: P[]; NOT?: P } {
  rejectNulls(input, argument);
  const out: { AND?: P[]; OR?: P[]; NOT?: P } = {};
  if (input.AND != null) out.AND = input.AND.map((w, i) => translate(w, `${argument}.AND.${i}`));
  if (input.OR != null) out.OR = input.OR.map((w, i) => translate(w, `${argument}.OR.${i}`));
  if (input.NOT != null) out.NOT = translate(input.NOT, `${argument}.NOT`);
  return out;
}

/** Ordering direction. */
export const SortDirection = builder.enumType("SortDirection", {
  description: "Which way to sort.",
  values: {
    ASC: { description: "Smallest, earliest or A first.", value: "asc" },
    DESC: { description: "Largest, latest or Z first.", value: "desc" },
  } as const,
});

/** Conditions on a list of related rows: some, none or every one of them matches. */
export interface ListInput<W> {
  some?: Nullable<W>;
  none?: Nullable<W>;
  every?: Nullable<W>;
}

/** A `XListFilter` input type for the related rows of type `where`. */
export function listFilter<W extends object>(name: string, where: InputObjectRef<SchemaTypesOf, W>, plural: string) {
  return builder.inputRef<ListInput<W>>(name).implement({
    description: `Conditions on a list of related ${plural}; all given conditions must hold. An empty list has none that match, and every one of its (zero) ${plural} matches.`,
    // The field map is checked for one concrete W at each call site's use, not inside this generic helper.
    fields: (t) =>
      ({
        some: t.field({ type: where, description: `At least one of the ${plural} matches.` }),
        none: t.field({ type: where, description: `None of the ${plural} matches.` }),
        every: t.field({ type: where, description: `Every one of the ${plural} matches.` }),
      }) as never,
  });
}

/** Translates a list condition with `translate` for the related rows' own filter. */
export function listWhere<W, P>(input: Nullable<ListInput<W>>, translate: (w: W, argument: string) => P, argument: string) {
  if (input == null) return undefined;
  rejectNulls(input, argument);
  const out: { some?: P; none?: P; every?: P } = {};
  if (input.some != null) out.some = translate(input.some, `${argument}.some`);
  if (input.none != null) out.none = translate(input.none, `${argument}.none`);
  if (input.every != null) out.every = translate(input.every, `${argument}.every`);
  return out;
}
