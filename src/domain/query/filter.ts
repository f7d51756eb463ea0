// The filter language that where.ts compiles to SQL, as a type of its own. It is written like Prisma's where
// objects but is not Prisma's: a model's computed fields (models.ts) are filtered like its columns, NOT is a
// complement, text matching always ignores ASCII case, and only the operators below exist. Field names and
// value types are read from the Prisma models (columns and relations) and from models.ts (computed fields).
import type PrismaTypes from "../../generated/pothos-types";
import type { ComputedFields, PredicateFields } from "./models";

export type ModelName = keyof PrismaTypes;

/** Conditions on a value of type T; all given ones hold. `equals: null` is "absent", `not: null` "present". */
export interface ValueFilter<T> {
  equals?: T | null;
  not?: T | null;
  in?: T[];
  notIn?: T[];
  lt?: T;
  lte?: T;
  gt?: T;
  gte?: T;
}

/** Conditions on text: the value conditions, and matching that ignores the case of A to Z. */
export interface TextFilter<T extends string = string> extends ValueFilter<T> {
  contains?: string;
  startsWith?: string;
  endsWith?: string;
}

/** A value (equality), null (absent, where the value can be), or conditions on it. */
type Condition<T> =
  NonNullable<T> | (null extends T ? null : never) | (NonNullable<T> extends string ? TextFilter<NonNullable<T>> : ValueFilter<NonNullable<T>>);

/** Conditions on a list of related rows. */
interface ListFilter<M extends ModelName> {
  some?: Filter<M>;
  none?: Filter<M>;
  every?: Filter<M>;
}

/** Conditions on one related row: its filter directly, or `is` / `isNot` (null for absent / present). */
type OneFilter<M extends ModelName, Nullable extends boolean> =
  | Filter<M>
  | { is?: Filter<M> | (Nullable extends true ? null : never); isNot?: Filter<M> | (Nullable extends true ? null : never) }
  | (Nullable extends true ? null : never);

type Columns<M extends ModelName> = { [F in keyof PrismaTypes[M]["Shape"]]?: Condition<PrismaTypes[M]["Shape"][F]> };

type Target<R> = R extends { Name: infer N extends ModelName } ? N : never;
type Optional<R> = R extends { Nullable: true } ? true : false;

type Relations<M extends ModelName> = {
  [R in keyof PrismaTypes[M]["Relations"]]?: R extends PrismaTypes[M]["ListRelations"]
    ? ListFilter<Target<PrismaTypes[M]["Relations"][R]>>
    : OneFilter<Target<PrismaTypes[M]["Relations"][R]>, Optional<PrismaTypes[M]["Relations"][R]>>;
};

/** Computed values are null where they do not apply (an open review has no daysToComplete). */
type Computed<M extends ModelName> = M extends keyof ComputedFields
  ? { [F in keyof ComputedFields[M]]?: Condition<ComputedFields[M][F] | null> }
  : unknown;

/** Conditions with an argument (an author met the standard on a date), given that argument. */
type Predicates<M extends ModelName> = M extends keyof PredicateFields ? { [F in keyof PredicateFields[M]]?: PredicateFields[M][F] } : unknown;

/** The rows of model M to select; every given condition holds. */
export type Filter<M extends ModelName> = Columns<M> &
  Relations<M> &
  Computed<M> &
  Predicates<M> & {
    AND?: Filter<M>[];
    OR?: Filter<M>[];
    /** The complement: every row the condition does not select (with a list, every row none of them selects). */
    NOT?: Filter<M> | Filter<M>[];
  };
