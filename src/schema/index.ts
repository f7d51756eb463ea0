// Imports every domain module (each registers its types and fields) and builds the schema.
import { type GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from "graphql";
import { TOTAL_COUNT_DESCRIPTION } from "./common/connections";
import { builder } from "./builder";
import { PARTNER_SURFACE, schemaWithin } from "./access/surface";
import "./common/scalars";
import "./geography/types";
import "./geography/queries";
import "./incidents/types";
import "./incidents/queries";
import "./reviews/types";
import "./reviews/queries";
import "./authors/types";
import "./authors/queries";
import "./aggregates/groups";
import "./analytics/types";
import "./analytics/queries";
import "./analytics/variation";
import "./analytics/series";
import "./analytics/entity-fields";
import "./access/types";
import "./access/queries";
import "./access/mutations";
import "./stewardship/types";
import "./stewardship/mutations";
import "./releases/types";
import "./releases/coverage";
import "./releases/releases";
import "./releases/data-quality";

export const schema = builder.toSchema({ sortSchema: true });

// The prisma plugin adds `totalCount` to connections without a way to describe it; every public field must
// have a description, so it is set here, once, on the built schema.
for (const type of Object.values(schema.getTypeMap())) {
  if (isObjectType(type) && type.name.endsWith("Connection")) {
    const field = type.getFields().totalCount;
    if (field && !field.description) field.description = TOTAL_COUNT_DESCRIPTION;
  }
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show only real changes. */
export function printSortedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}

let partner: GraphQLSchema | undefined;

/**
 * What a research partner can see and send: the full schema cut down to the statistical surface. Cut at its
 * first use (the first partner's request), not at start-up, which would wait for it before the first answer.
 */
export function partnerSchema(): GraphQLSchema {
  return (partner ??= schemaWithin(schema, PARTNER_SURFACE));
}

/** The partner's SDL as committed in schema/partner.graphql. */
export function printSortedPartnerSchema(): string {
  return printSchema(lexicographicSortSchema(partnerSchema())) + "\n";
}
