// What the query compiler knows about each model: its columns, its relations (read from the Prisma datamodel, so
// they cannot drift from prisma/models) and the computed fields the API filters, sorts and aggregates on.
import { getDatamodel } from "../../generated/pothos-types";
import * as enums from "../../generated/sqlite/enums";
import { Prisma } from "../../db";
import { authorStandard, qualifyingDeath, today, withinTarget } from "../rules";
import { col, flag } from "../rules/sql";
import type { Dialect } from "./dialect";

type Sql = Prisma.Sql;

export interface ColumnField {
  kind: "column";
  name: string;
  /** Prisma scalar type (String, Int, Boolean, …) or the enum's name. */
  type: string;
  /** The enum's values in declaration order, for an enum column. */
  enumValues?: readonly string[];
  nullable: boolean;
}

export interface RelationField {
  kind: "relation";
  name: string;
  model: string;
  list: boolean;
  nullable: boolean;
  /** Column on this model's row that the join compares. */
  local: string;
  /** Column on the related model's row that it is compared with. */
  remote: string;
}

/** A value computed from a row's columns: an integer, or a flag (1, 0, or null when it does not apply). */
export interface ComputedField {
  kind: "computed";
  name: string;
  type: "Int" | "Flag";
  nullable: true;
  sql(alias: string, dialect: Dialect): Sql;
}

/**
 * A condition on a row that takes an argument (an author met the standard on a date): it can be filtered on,
 * with its argument as the value, but has no value to sort, group or select.
 */
export interface PredicateField {
  kind: "predicate";
  name: string;
  sql(alias: string, argument: unknown, dialect: Dialect): Sql;
}

export type Field = ColumnField | RelationField | ComputedField | PredicateField;

interface Model {
  name: string;
  fields: Map<string, Field>;
}

/** A quoted column of a table alias (`"t0"."initiatedOn"`), the one helper the rules' SQL also uses. */
export { col };

const days = (from: string, to: string) => (alias: string, dialect: Dialect) => dialect.daysBetween(col(alias, from), col(alias, to));

// `as const`, so the filter language's type (filter.ts) reads each model's computed fields from this one list.
const COMPUTED = {
  Review: [
    { kind: "computed", name: "daysToComplete", type: "Int", nullable: true, sql: days("initiatedOn", "completedOn") },
    {
      // Review.withinTarget, in SQL: decided by the rule as of today.
      kind: "computed",
      name: withinTarget.field,
      type: "Flag",
      nullable: true,
      sql: (a, d) => withinTarget.statusSql(a, d, today()),
    },
    // Review.authorsMeetStandard, in SQL: at least one overview author, and every one met the standard.
    { kind: "computed", name: authorStandard.reviewField, type: "Flag", nullable: true, sql: (a) => flag(authorStandard.reviewMeetsSql(a)) },
  ],
  Incident: [
    { kind: "computed", name: "daysToNotify", type: "Int", nullable: true, sql: days("occurredOn", "notifiedOn") },
    { kind: "computed", name: "daysToDecision", type: "Int", nullable: true, sql: days("notifiedOn", "decisionOn") },
    { kind: "computed", name: qualifyingDeath.field, type: "Flag", nullable: true, sql: (a) => qualifyingDeath.flagSql(a) },
    {
      kind: "computed",
      name: "hasReview",
      type: "Flag",
      nullable: true,
      sql: (a) => Prisma.sql`(CASE WHEN ${col(a, "reviewId")} IS NULL THEN 0 ELSE 1 END)`,
    },
  ],
  Evaluation: [{ kind: "computed", name: "daysToEvaluate", type: "Int", nullable: true, sql: days("receivedOn", "evaluatedOn") }],
} as const satisfies Record<string, readonly ComputedField[]>;

/** The argument of the author standard's condition: the date, and whether it was met (true) or not (false). */
export interface StandardOn {
  on: string;
  meets: boolean;
}

const PREDICATES = {
  Author: [
    {
      // Author.meetsMinimumStandard(at:).meets, in SQL.
      kind: "predicate",
      name: authorStandard.authorField,
      sql: (a: string, argument: unknown) => {
        const { on, meets } = argument as StandardOn;
        if (typeof on !== "string" || typeof meets !== "boolean") throw new Error(`${authorStandard.authorField} takes { on, meets }`);
        const holds = authorStandard.authorMeetsSql(a, Prisma.sql`${on}`);
        return meets ? holds : Prisma.sql`NOT (${holds})`;
      },
    },
  ],
} as const satisfies Record<string, readonly PredicateField[]>;

/** Each model's conditions with an argument, by name, with the argument's type. */
export type PredicateFields = { Author: { [authorStandard.authorField]: StandardOn } };

/** Each model's computed fields, by name, with the type a filter compares them with (a Flag is a boolean). */
export type ComputedFields = {
  [M in keyof typeof COMPUTED]: { [F in (typeof COMPUTED)[M][number] as F["name"]]: F["type"] extends "Flag" ? boolean : number };
};

function build(): Map<string, Model> {
  const { models } = getDatamodel().datamodel;
  const enumValues = enums as unknown as Record<string, Record<string, string>>;
  const out = new Map<string, Model>();
  for (const [name, model] of Object.entries(models)) {
    const fields = new Map<string, Field>();
    for (const f of model.fields) {
      if (f.kind === "object") {
        const target = models[f.type];
        if (!target) throw new Error(`unknown model ${f.type}`);
        const from = f.relationFromFields ?? [];
        if (from.length > 0) {
          fields.set(f.name, { kind: "relation", name: f.name, model: f.type, list: false, nullable: !f.isRequired, local: from[0]!, remote: "id" });
        } else {
          const back = target.fields.find((g) => g.relationName === f.relationName && (g.relationFromFields ?? []).length > 0);
          if (!back) throw new Error(`no foreign key for ${name}.${f.name}`);
          fields.set(f.name, {
            kind: "relation",
            name: f.name,
            model: f.type,
            list: f.isList,
            nullable: !f.isList,
            local: "id",
            remote: back.relationFromFields![0]!,
          });
        }
      } else {
        const values = f.kind === "enum" ? Object.values(enumValues[f.type] ?? {}) : undefined;
        fields.set(f.name, { kind: "column", name: f.name, type: f.type, enumValues: values, nullable: !f.isRequired });
      }
    }
    for (const c of (COMPUTED as Record<string, readonly ComputedField[]>)[name] ?? []) fields.set(c.name, c);
    for (const p of (PREDICATES as Record<string, readonly PredicateField[]>)[name] ?? []) fields.set(p.name, p);
    out.set(name, { name, fields });
  }
  return out;
}

const MODELS = build();

function model(name: string): Model {
  const m = MODELS.get(name);
  if (!m) throw new Error(`unknown model ${name}`);
  return m;
}

export function field(modelName: string, name: string): Field {
  const f = model(modelName).fields.get(name);
  if (!f) throw new Error(`unknown field ${modelName}.${name}`);
  return f;
}

export function relation(modelName: string, name: string): RelationField {
  const f = field(modelName, name);
  if (f.kind !== "relation") throw new Error(`${modelName}.${name} is not a relation`);
  return f;
}

/** The SQL value of a column or computed field on a row alias. */
export function valueOf(f: ColumnField | ComputedField, alias: string, dialect: Dialect): Sql {
  return f.kind === "computed" ? f.sql(alias, dialect) : col(alias, f.name);
}
