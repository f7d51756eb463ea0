import type { Prisma } from "../../db";
import { builder } from "../builder";
import { combine, type Combinators, DateFilter, IntFilter, type Nullable, type RangeInput, rangeWhere } from "../shared/filters";
import type { AuthorBackground as Background, CompetencyArea as Area, CompetencyLevel as Level } from "../../generated/sqlite/enums";

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
  attainedOn?: Nullable<RangeInput<string>>;
}

export const CompetencyWhere = builder.inputRef<CompetencyWhereShape>("CompetencyWhere").implement({
  description: "Conditions on a competency; all given conditions must hold.",
  fields: (t) => ({
    area: t.field({ type: CompetencyArea, description: "The area of competence." }),
    level: t.field({ type: CompetencyLevel, description: "Exactly this level." }),
    years: t.field({ type: IntFilter, description: "Years of experience as recorded." }),
    attainedOn: t.field({ type: DateFilter, description: "Date attained." }),
  }),
});

export interface AuthorWhereShape extends Combinators<AuthorWhereShape> {
  background?: Nullable<readonly Background[]>;
  independent?: Nullable<boolean>;
  holds?: Nullable<CompetencyWhereShape>;
}

export const AuthorWhere = builder.inputRef<AuthorWhereShape>("AuthorWhere").implement({
  description: "Which authors to include; all given conditions must hold.",
  fields: (t) => ({
    background: t.field({ type: [AuthorBackground], description: "The author's background is one of these." }),
    independent: t.boolean({ description: "Independent of the board's agencies." }),
    holds: t.field({ type: CompetencyWhere, description: "The author holds a competency that matches." }),
    AND: t.field({ type: [AuthorWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [AuthorWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: AuthorWhere, description: "This condition does not hold." }),
  }),
});

export function authorWhere(w: AuthorWhereShape, argument: string): Prisma.AuthorWhereInput {
  const holds = w.holds;
  return {
    background: w.background != null ? { in: [...w.background] } : undefined,
    independent: w.independent ?? undefined,
    competencies: holds
      ? {
          some: {
            area: holds.area ?? undefined,
            level: holds.level ?? undefined,
            years: rangeWhere(holds.years, `${argument}.holds.years`, true),
            attainedOn: rangeWhere(holds.attainedOn, `${argument}.holds.attainedOn`),
          },
        }
      : undefined,
    ...combine(w, (x, a) => authorWhere(x, a), argument),
  };
}

export const Author = builder.prismaNode("Author", {
  description: "A person who chairs a review panel or writes its overview report. Identity is hidden from research partners.",
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    reference: t.exposeString("reference", { description: "Pseudonymous author reference." }),
    displayName: t.exposeString("displayName", {
      authScopes: { caseDetail: true },
      description: "The author's name. Sensitive (a named person): not shown to research partners.",
    }),
    background: t.expose("background", { type: AuthorBackground, description: "Professional background." }),
    independent: t.exposeBoolean("independent", { description: "Independent of the board's agencies." }),
    competencies: t.relation("competencies", {
      description: "Competencies the author holds or held.",
      query: { orderBy: [{ area: "asc" }, { attainedOn: "asc" }] },
    }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});
