import type { DatabaseKind } from "../../config";
import type { Prisma } from "../../db";
import { MEASURES } from "../../domain/query/catalog";
import type { OrderTerm } from "../../domain/query/values";
import { byEnums } from "../../domain/enum-order";
import { competencyHeld } from "../../domain/rules";
import { builder } from "../builder";
import { AGGREGATE_COUNT_DESCRIPTION, listConnection, NumberAggregate } from "../shared/aggregates";
import {
  combine,
  type Combinators,
  DateFilter,
  type DateInput,
  dateWhere,
  IntFilter,
  type ListInput,
  listWhere,
  type Nullable,
  type RangeInput,
  rangeWhere,
  rejectNulls,
  SortDirection,
  StringFilter,
  type StringInput,
  stringWhere,
} from "../shared/filters";
import type { ListFigures } from "../shared/query-connections";
import { AuthorWhere, registerWhere, ReviewListFilter, translateWhere } from "../shared/where-refs";
import type { ReviewWhereShape } from "../reviews/types";
import {
  type AuthorBackground as Background,
  type CompetencyArea as Area,
  CompetencyArea as Areas,
  type CompetencyLevel as Level,
} from "../../generated/sqlite/enums";

export { AuthorWhere };

export const AuthorBackground = builder.enumType("AuthorBackground", {
  description: "An author's professional background.",
  values: {
    SOCIAL_WORK: { description: "Social work." },
    HEALTH: { description: "Health." },
    POLICE: { description: "Police." },
    EDUCATION: { description: "Education." },
    LEGAL: { description: "Law." },
    PROBATION: { description: "Probation." },
    ACADEMIC: { description: "Academic research." },
    OTHER: { description: "Another background." },
  } as const,
});

export const CompetencyArea = builder.enumType("CompetencyArea", {
  description: "An area of competence an author can hold.",
  values: {
    REVIEW_METHODOLOGY: { description: "Review methodology, held at a level (TRAINED or ACCREDITED)." },
    CHILD_PROTECTION_PRACTICE: { description: "Child protection practice, held as years of experience." },
    MULTI_AGENCY_WORKING: { description: "Multi-agency working." },
    CHAIRING: { description: "Chairing." },
    REPORT_WRITING: { description: "Report writing." },
  } as const,
});

export const CompetencyLevel = builder.enumType("CompetencyLevel", {
  description: "Level of a review-methodology competency.",
  values: {
    TRAINED: { description: "Completed training (e.g. a foundation course)." },
    ACCREDITED: { description: "Accredited as a lead reviewer." },
  } as const,
});

export const Competency = builder.prismaNode("Competency", {
  description: "A competency an author holds, with its level or years and the dates it was held.",
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    area: t.expose("area", { type: CompetencyArea, description: "The area of competence." }),
    level: t.expose("level", { type: CompetencyLevel, nullable: true, description: "Level, for REVIEW_METHODOLOGY." }),
    years: t.exposeInt("years", {
      nullable: true,
      description: "Years of experience as at `attainedOn`, for CHILD_PROTECTION_PRACTICE.",
    }),
    attainedOn: t.expose("attainedOn", { type: "Date", description: "Date it was attained (or, for years, recorded)." }),
    expiresOn: t.expose("expiresOn", { type: "Date", nullable: true, description: "Date it lapses; null if it does not." }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

export interface CompetencyWhereShape {
  area?: Nullable<Area>;
  level?: Nullable<Level>;
  years?: Nullable<RangeInput<number>>;
  attainedOn?: Nullable<DateInput>;
  heldOn?: Nullable<string>;
}

export const CompetencyWhere = builder.inputRef<CompetencyWhereShape>("CompetencyWhere").implement({
  description: "Conditions on a competency; all given conditions must hold.",
  fields: (t) => ({
    area: t.field({ type: CompetencyArea, description: "The area of competence." }),
    level: t.field({ type: CompetencyLevel, description: "Exactly this level." }),
    years: t.field({ type: IntFilter, description: "Years of experience as recorded." }),
    attainedOn: t.field({ type: DateFilter, description: "Date attained." }),
    heldOn: t.field({ type: "Date", description: "Held on this date: attained on or before it, and lapsing (if ever) after it, as in the minimum author standard." }),
  }),
});

export function competencyWhere(w: CompetencyWhereShape, argument: string): Prisma.CompetencyWhereInput {
  rejectNulls(w, argument);
  return {
    area: w.area ?? undefined,
    level: w.level ?? undefined,
    years: rangeWhere(w.years, `${argument}.years`, true),
    attainedOn: dateWhere(w.attainedOn, `${argument}.attainedOn`),
    AND: w.heldOn != null ? competencyHeld.where(w.heldOn) : [],
  };
}

/** Conditions on an author's background. */
interface BackgroundInput {
  eq?: Nullable<Background>;
  in?: Nullable<readonly Background[]>;
  notIn?: Nullable<readonly Background[]>;
}

export const AuthorBackgroundFilter = builder.inputRef<BackgroundInput>("AuthorBackgroundFilter").implement({
  description: "Conditions on an author's background; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: AuthorBackground, description: "Exactly this background." }),
    in: t.field({ type: [AuthorBackground], description: "One of these backgrounds." }),
    notIn: t.field({ type: [AuthorBackground], description: "None of these backgrounds." }),
  }),
});

export interface AuthorWhereShape extends Combinators<AuthorWhereShape> {
  reference?: Nullable<StringInput>;
  background?: Nullable<BackgroundInput>;
  independent?: Nullable<boolean>;
  holds?: Nullable<CompetencyWhereShape>;
  reviews?: Nullable<ListInput<ReviewWhereShape>>;
}

AuthorWhere.implement({
  description: "Which authors to include; all given conditions must hold.",
  fields: (t) => ({
    reference: t.field({ type: StringFilter, description: "Pseudonymous author reference." }),
    background: t.field({ type: AuthorBackgroundFilter, description: "The author's professional background." }),
    independent: t.boolean({ description: "Independent of the board's agencies." }),
    holds: t.field({
      type: CompetencyWhere,
      description: 'The author holds (or held) a competency that matches, e.g. `{ area: REVIEW_METHODOLOGY, heldOn: "2008-01-01" }`.',
    }),
    reviews: t.field({ type: ReviewListFilter, description: "Conditions on the reviews the author chaired or wrote." }),
    AND: t.field({ type: [AuthorWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [AuthorWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: AuthorWhere, description: "This condition does not hold (a complement: it matches every author the condition does not)." }),
  }),
});

export function authorWhere(w: AuthorWhereShape, argument: string, kind: DatabaseKind): Prisma.AuthorWhereInput {
  const combined = combine(w, (x, a) => authorWhere(x, a, kind), argument);
  const and: Prisma.AuthorWhereInput[] = [];
  // An author's reviews are reached through their authorships.
  const reviews = listWhere(w.reviews, (x, a) => translateWhere("review")(x, a, kind), `${argument}.reviews`);
  if (reviews?.some) and.push({ authorships: { some: { review: reviews.some } } });
  if (reviews?.none) and.push({ authorships: { none: { review: reviews.none } } });
  if (reviews?.every) and.push({ authorships: { every: { review: reviews.every } } });
  return {
    ...combined,
    reference: stringWhere(w.reference, `${argument}.reference`, kind),
    background: rangeWhere(w.background, `${argument}.background`),
    independent: w.independent ?? undefined,
    competencies: w.holds ? { some: competencyWhere(w.holds, `${argument}.holds`) } : undefined,
    AND: [...and, ...(combined.AND ?? [])],
  };
}
registerWhere("author", authorWhere);

export const AuthorOrderField = builder.enumType("AuthorOrderField", {
  description: "What to sort authors by.",
  values: {
    REFERENCE: { description: "Pseudonymous author reference." },
    BACKGROUND: { description: "Professional background, in the order of the AuthorBackground enum." },
    REVIEW_COUNT: { description: "How many reviews the author chaired or wrote (a review counts once per role)." },
  } as const,
});

export const AuthorOrder = builder.inputType("AuthorOrder", {
  description: "One sort key for authors.",
  fields: (t) => ({
    field: t.field({ type: AuthorOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

export function authorOrderBy(order: readonly (typeof AuthorOrder.$inferInput)[] | null | undefined): OrderTerm[] {
  return (order ?? [{ field: "REFERENCE", direction: "asc" }]).map((o): OrderTerm => {
    const direction = o.direction ?? "asc";
    switch (o.field) {
      case "REFERENCE":
        return { path: ["reference"], direction };
      case "BACKGROUND":
        return { path: ["background"], direction };
      case "REVIEW_COUNT":
        return { count: "authorships", direction };
    }
  });
}

export const AuthorAggregates = builder.objectRef<ListFigures>("AuthorAggregates").implement({
  description: "Figures over every author that matches the filter.",
  fields: (t) => ({
    count: t.int({ nullable: true, description: AGGREGATE_COUNT_DESCRIPTION, resolve: (f) => f.count() }),
    reviews: t.field({
      type: NumberAggregate,
      description: "Reviews per author (each review the author chaired or wrote counts once).",
      resolve: (f) => f.measure(MEASURES.Author.reviews),
    }),
  }),
});

export const Author = builder.prismaNode("Author", {
  description: "A person who chairs a review panel or writes its overview report. Identity is hidden from research partners.",
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    reference: t.exposeString("reference", { description: "Pseudonymous author reference." }),
    displayName: t.exposeString("displayName", {
      authScopes: { caseDetail: true },
      // Nullable so that a research partner's refusal nulls this field alone, not the whole answer.
      nullable: true,
      description:
        "The author's name. Sensitive (a named person): research partners get null here, with a FORBIDDEN error naming the roles that may see it.",
    }),
    background: t.expose("background", { type: AuthorBackground, description: "Professional background." }),
    independent: t.exposeBoolean("independent", { description: "Independent of the board's agencies." }),
    competencies: t.field({
      type: [Competency],
      description: "Competencies the author holds or held, by area (in the order of the CompetencyArea enum), then date attained.",
      // Sorted here, not in SQL: the two databases order enum columns differently.
      select: (_args, _ctx, nested) => ({ competencies: nested({}) }),
      resolve: (author) => [...author.competencies].sort(byEnums(["area", Areas], ["attainedOn", null], ["id", null])),
    }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

export const AuthorConnection = listConnection("Author", Author, "authors", AuthorAggregates);
