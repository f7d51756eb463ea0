// The shared pieces of aggregates: a numeric summary type, and the connection type every list uses (root and
// nested alike), with `totalCount` and `aggregates` over the whole filtered list rather than the page.
import type { ObjectRef } from "@pothos/core";
import { DEFAULT_PERCENTILES, MAX_PERCENTILES, PERCENTILE_ALLOWED, scaledPercentile } from "../../domain/percentile";
import type { NumberSummary } from "../../domain/query/aggregates";
import { badInput } from "../../errors";
import { builder } from "../builder";
import { TOTAL_COUNT_DESCRIPTION } from "./connections";
import { figuresOf, type ListFigures } from "./query-connections";

/** One percentile of a number: which (0-100) and its value. */
const Percentile = builder.objectRef<{ at: number; value: number | null }>("Percentile").implement({
  description:
    "The p-th percentile of a number over the rows that have one, by linear interpolation between the closest ranks (as PostgreSQL's percentile_cont): with the n values sorted, it lies at position (n - 1) × p / 100 counting the smallest as 0, between the values at the ranks either side. Exact, and the same on SQLite and PostgreSQL.",
  fields: (t) => ({
    at: t.exposeFloat("at", { description: "Which percentile, from 0 (the minimum) to 100 (the maximum); 50 is the median." }),
    value: t.exposeFloat("value", { nullable: true, description: "The percentile; null when no row has a value." }),
  }),
});

/** The computed percentile p of a summary (its measure was asked for it from the selection: percentile-selection.ts). */
function percentileOf(summary: NumberSummary, p: number): number | null {
  if (summary.count === 0) return null;
  const value = summary.percentiles?.get(p);
  if (value === undefined) throw new Error(`percentile ${p} was not computed with its measure`);
  return value;
}

export const NumberAggregate = builder.objectRef<NumberSummary>("NumberAggregate").implement({
  description:
    "A number summarised over the rows that have one (count, sum, average, minimum, maximum and, on case-level lists, median and percentiles), computed in the database. Average is sum / count, unrounded; every other figure is null when no row has a value.",
  fields: (t) => ({
    count: t.exposeInt("count", { description: "Rows with a value (absent values are left out of every figure)." }),
    sum: t.exposeInt("sum", { nullable: true, description: "Sum of the values." }),
    avg: t.exposeFloat("avg", { nullable: true, description: "Mean of the values: sum / count." }),
    min: t.exposeInt("min", { nullable: true, description: "Smallest value." }),
    max: t.exposeInt("max", { nullable: true, description: "Largest value." }),
    median: t.float({
      nullable: true,
      description:
        "The middle value, or the mean of the two middle values when their count is even: the 50th percentile (see Percentile). The same method as Stats' medianDaysToComplete.",
      resolve: (s) => percentileOf(s, 50),
    }),
    percentiles: t.field({
      type: [Percentile],
      description: "The chosen percentiles of the values (see Percentile), in the order asked.",
      args: {
        at: t.arg.floatList({
          required: true,
          defaultValue: [...DEFAULT_PERCENTILES],
          description: `Which percentiles: each ${PERCENTILE_ALLOWED}; at most ${MAX_PERCENTILES} (default ${DEFAULT_PERCENTILES.join(", ")}).`,
        }),
      },
      resolve: (s, args) => {
        if (args.at.length > MAX_PERCENTILES) throw badInput(`at: at most ${MAX_PERCENTILES} percentiles (got ${args.at.length})`, "at");
        args.at.forEach((p, i) => {
          if (scaledPercentile(p) === null) throw badInput(`at.${i}: ${p} is not a percentile; give ${PERCENTILE_ALLOWED}`, `at.${i}`);
        });
        return args.at.map((p) => ({ at: p, value: percentileOf(s, p) }));
      },
    }),
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
