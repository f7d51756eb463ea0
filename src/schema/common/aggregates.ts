// The shared pieces of aggregates: a numeric summary type, and the connection type every list uses (root and
// nested alike), with `totalCount` and `aggregates` over the whole filtered list rather than the page.
import type { ObjectRef } from "@pothos/core";
import type { NumberSummary } from "../../domain/query/aggregates";
import { builder } from "../builder";
import { TOTAL_COUNT_DESCRIPTION } from "./connections";
import { figuresOf, type ListFigures } from "./query-connections";

export const NumberAggregate = builder.objectRef<NumberSummary>("NumberAggregate").implement({
  description:
    "Count, sum, average, minimum and maximum of a number over the rows that have one, computed in the database. Average is sum / count, unrounded; sum, average, minimum and maximum are null when no row has a value.",
  fields: (t) => ({
    count: t.exposeInt("count", { description: "Rows with a value (absent values are left out of every figure)." }),
    sum: t.exposeInt("sum", { nullable: true, description: "Sum of the values." }),
    avg: t.exposeFloat("avg", { nullable: true, description: "Mean of the values: sum / count." }),
    min: t.exposeInt("min", { nullable: true, description: "Smallest value." }),
    max: t.exposeInt("max", { nullable: true, description: "Largest value." }),
  }),
});

type SchemaTypesOf = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * The connection type `${name}Connection` (edge `${name}Edge`) for `node`, shared by every field that lists
 * it, with `totalCount` and `aggregates` (of type `aggregates`, resolved from the list's figures).
 */
export function listConnection<Node extends ObjectRef<SchemaTypesOf, unknown>>(
  name: string,
  node: Node,
  plural: string,
  aggregates: ObjectRef<SchemaTypesOf, ListFigures>,
) {
  return builder.connectionObject(
    {
      type: node,
      name: `${name}Connection`,
      description: `A page of ${plural}, with the total count and aggregates of all those that match.`,
      fields: (t) => ({
        totalCount: t.int({
          nullable: true,
          description: TOTAL_COUNT_DESCRIPTION,
          resolve: (c) => figuresOf(c).count(),
        }),
        aggregates: t.field({
          type: aggregates,
          description: `Figures over all the ${plural} that match the filter (every page, not just this one), computed in the database.`,
          resolve: (c) => figuresOf(c),
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of the ${plural} on this page, with its cursor.` },
  );
}

/** Descriptions of the aggregates' `count`. */
export const AGGREGATE_COUNT_DESCRIPTION = "How many items match the filter (the same as the connection's totalCount).";
