// Typed filter operators shared by every `where` input, and their translation to Prisma.
import type { DatabaseKind } from "../../config";
import { builder } from "../builder";
import { badInput } from "../errors";

export type Nullable<T> = T | null | undefined;

/** The combinators every `where` input has. */
export interface Combinators<W> {
  AND?: Nullable<readonly W[]>;
  OR?: Nullable<readonly W[]>;
  NOT?: Nullable<W>;
}

export const DateFilter = builder.inputType("DateFilter", {
  description: "Conditions on a date; all given conditions must hold. Dates are YYYY-MM-DD and ranges inclusive.",
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
  }),
});

export const IntFilter = builder.inputType("IntFilter", {
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
  }),
});

export const StringFilter = builder.inputType("StringFilter", {
  description:
    "Conditions on text; all given conditions must hold. `eq`, `ne`, `in` and `notIn` are exact; `contains` and `startsWith` ignore case.",
  fields: (t) => ({
    eq: t.string({ description: "Exactly this text (case matters)." }),
    ne: t.string({ description: "Anything but this text." }),
    in: t.stringList({ description: "One of these texts (exact)." }),
    notIn: t.stringList({ description: "None of these texts (exact)." }),
    contains: t.string({ description: "Contains this text, ignoring case." }),
    startsWith: t.string({ description: "Starts with this text, ignoring case." }),
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

/** A Prisma filter that fits the filter types of every model's columns of scalar type T. */
export interface ScalarFilter<T> {
  equals?: T;
  not?: T;
  in?: T[];
  notIn?: T[];
  gt?: T;
  gte?: T;
  lt?: T;
  lte?: T;
}

/**
 * Translates operators to a Prisma filter. An explicit null in any operator but `isNull` is refused: it would
 * otherwise be dropped and the filter would silently match everything. `isNull` on a column that always has
 * a value matches nothing (true) or everything (false).
 */
export function rangeWhere<T>(
  input: Nullable<RangeInput<T>>,
  argument: string,
  nullable = false,
): ScalarFilter<T> | undefined {
  if (input == null) return undefined;
  for (const [op, value] of Object.entries(input)) {
    if (value === null && op !== "isNull") {
      throw badInput(`${argument}.${op} is null; to match an absent value use isNull: true`, `${argument}.${op}`);
    }
  }
  const out: ScalarFilter<T> = {};
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
    // Prisma spells "is null" as equals: null, which its types allow only on nullable columns.
    return nullable ? ({ equals: null } as unknown as ScalarFilter<T>) : { in: [] };
  }
  if (input.isNull === false && nullable && out.not === undefined) {
    out.not = null as unknown as T;
  }
  return out;
}

export interface StringInput {
  eq?: Nullable<string>;
  ne?: Nullable<string>;
  in?: Nullable<readonly string[]>;
  notIn?: Nullable<readonly string[]>;
  contains?: Nullable<string>;
  startsWith?: Nullable<string>;
}

/**
 * Text conditions. `contains` and `startsWith` ignore case on both databases: PostgreSQL needs
 * `mode: "insensitive"`, which SQLite refuses; SQLite's LIKE already ignores (ASCII) case.
 */
export function stringWhere(input: Nullable<StringInput>, argument: string, kind: DatabaseKind) {
  if (input == null) return undefined;
  for (const [op, value] of Object.entries(input)) {
    if (value === null) throw badInput(`${argument}.${op} is null; give a value or leave it out`, `${argument}.${op}`);
  }
  const out: Record<string, unknown> = {};
  if (input.eq != null) out.equals = input.eq;
  if (input.ne != null) out.not = input.ne;
  if (input.in != null) out.in = [...input.in];
  if (input.notIn != null) out.notIn = [...input.notIn];
  if (input.contains != null) out.contains = input.contains;
  if (input.startsWith != null) out.startsWith = input.startsWith;
  if ((input.contains != null || input.startsWith != null) && kind === "postgresql") out.mode = "insensitive";
  return out;
}

/** AND/OR/NOT combinators shared by every `where` input. */
export function combine<W, P extends object>(
  input: { AND?: Nullable<readonly W[]>; OR?: Nullable<readonly W[]>; NOT?: Nullable<W> },
  translate: (w: W, argument: string) => P,
  argument: string,
): { AND?: P[]; OR?: P[]; NOT?: P } {
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
