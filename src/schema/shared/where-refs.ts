// Forward declarations of every domain's `where` input, so filters can cross relations in both directions (a
// board with some qualifying death; an incident whose review was inadequate) without the domain modules
// importing each other. Each domain implements its own input and registers its translator here, the way a
// domain adds fields to another's object type with prismaObjectField.
import type { DatabaseKind } from "../../config";
import type { Prisma } from "../../db";
import type { RegionWhereShape, BoardWhereShape } from "../geography/types";
import type { IncidentWhereShape } from "../incidents/types";
import type { FindingWhereShape, ReviewWhereShape } from "../reviews/types";
import type { AuthorWhereShape } from "../authors/types";
import { builder } from "../builder";
import { listFilter } from "./filters";

export const RegionWhere = builder.inputRef<RegionWhereShape>("RegionWhere");
export const BoardWhere = builder.inputRef<BoardWhereShape>("BoardWhere");
export const IncidentWhere = builder.inputRef<IncidentWhereShape>("IncidentWhere");
export const ReviewWhere = builder.inputRef<ReviewWhereShape>("ReviewWhere");
export const FindingWhere = builder.inputRef<FindingWhereShape>("FindingWhere");
export const AuthorWhere = builder.inputRef<AuthorWhereShape>("AuthorWhere");

export const BoardListFilter = listFilter("BoardListFilter", BoardWhere, "boards");
export const IncidentListFilter = listFilter("IncidentListFilter", IncidentWhere, "incidents");
export const ReviewListFilter = listFilter("ReviewListFilter", ReviewWhere, "reviews");
export const FindingListFilter = listFilter("FindingListFilter", FindingWhere, "findings");
export const AuthorListFilter = listFilter("AuthorListFilter", AuthorWhere, "authors");

/** Translates a domain's `where` input to the Prisma-style filter src/domain/query compiles. */
export type Translate<W, P> = (w: W, argument: string, kind: DatabaseKind) => P;

interface Translators {
  region: Translate<RegionWhereShape, Prisma.RegionWhereInput>;
  board: Translate<BoardWhereShape, Prisma.BoardWhereInput>;
  incident: Translate<IncidentWhereShape, Prisma.IncidentWhereInput>;
  review: Translate<ReviewWhereShape, Prisma.ReviewWhereInput>;
  finding: Translate<FindingWhereShape, Prisma.FindingWhereInput>;
  author: Translate<AuthorWhereShape, Prisma.AuthorWhereInput>;
}

const translators: Partial<Translators> = {};

/** Called once by the module that owns the input. */
export function registerWhere<K extends keyof Translators>(name: K, translate: Translators[K]): void {
  translators[name] = translate;
}

/** The translator of another domain's input (its module has been imported by the time any request runs). */
export function translateWhere<K extends keyof Translators>(name: K): Translators[K] {
  const translate = translators[name];
  if (!translate) throw new Error(`the ${name} filter is not registered; import its domain module`);
  return translate;
}
