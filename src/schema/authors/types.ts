import { MEASURES } from "../../domain/query/catalog";
import type { OrderTerm } from "../../domain/query/values";
import { byEnums } from "../../domain/enum-order";
import { CompetencyArea as Areas } from "../../generated/sqlite/enums";
import { builder } from "../builder";
import { currentNode } from "../common/current";
import { AGGREGATE_COUNT_DESCRIPTION, listConnection, NumberAggregate } from "../common/aggregates";
import { SortDirection } from "../common/filters";
import type { ListFigures } from "../common/query-connections";
import { AuthorBackground, CompetencyArea, CompetencyLevel } from "./enums";

const Competency = builder.prismaNode("Competency", {
  description: "A competency an author holds, with its level or years and the dates it was held.",
  id: { field: "id" },
  // node(id:) and the records of mutations load through this: a withdrawn record is not found.
  findUnique: currentNode,
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

const AuthorOrderField = builder.enumType("AuthorOrderField", {
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

const AuthorAggregates = builder.objectRef<ListFigures>("AuthorAggregates").implement({
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
  // node(id:) and the records of mutations load through this: a withdrawn record is not found.
  findUnique: currentNode,
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
      select: (_args, _ctx, nested) => ({ competencies: nested({ where: { withdrawnAt: null } }) }),
      resolve: (author) => [...author.competencies].sort(byEnums(["area", Areas], ["attainedOn", null], ["id", null])),
    }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

export const AuthorConnection = listConnection("Author", Author, "authors", AuthorAggregates);
