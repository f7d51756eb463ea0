// Which percentiles a query asks of a NumberAggregate, read from its selection before the figures are computed,
// so they come in the same statement as the count, sum, minimum and maximum. Fields under @skip/@include are
// counted whatever the condition: computing a percentile nobody reads costs little, missing one would fail.
import { type FieldNode, getArgumentValues, type GraphQLResolveInfo, isObjectType, type SelectionSetNode } from "graphql";
import { DEFAULT_PERCENTILES, MAX_PERCENTILES, scaledPercentile } from "../../domain/percentile";
import type { Measure } from "../../domain/query/aggregates";
import { withPercentiles } from "../../domain/query/percentiles";

/** The fields named `name` directly below `nodes` (through fragments), as graphql-js would merge them. */
export function subfields(info: GraphQLResolveInfo, nodes: readonly FieldNode[], name: string): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === "Field") {
        if (s.name.value === name) out.push(s);
      } else if (s.kind === "InlineFragment") visit(s.selectionSet);
      else visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return out;
}

/**
 * The percentiles (0-100) asked of the NumberAggregate fields `nodes`: 50 for `median`, each of `percentiles(at:)`.
 * Values that are not percentiles are left out here; the `percentiles` field refuses them with the allowed range.
 */
export function selectedPercentiles(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): number[] {
  const out = new Set<number>();
  if (subfields(info, nodes, "median").length > 0) out.add(50);
  const type = info.schema.getType("NumberAggregate");
  const field = isObjectType(type) ? type.getFields().percentiles : undefined;
  for (const node of subfields(info, nodes, "percentiles")) {
    if (!field) break;
    let at: unknown;
    try {
      at = getArgumentValues(field, node, info.variableValues).at;
    } catch {
      continue; // an invalid argument is reported where the field itself resolves
    }
    const asked = Array.isArray(at) ? (at as number[]) : DEFAULT_PERCENTILES;
    if (asked.length > MAX_PERCENTILES) continue;
    for (const p of asked) if (scaledPercentile(p) !== null) out.add(p);
  }
  return [...out];
}

/**
 * A group-by's measures, each with the percentiles the query asks of it under `groups` (a group type's measure
 * field is named after its measure's key).
 */
export function groupMeasuresWithPercentiles(measures: Record<string, Measure>, info: GraphQLResolveInfo): Measure[] {
  const groups = subfields(info, info.fieldNodes, "groups");
  return Object.values(measures).map((m) => withPercentiles(m, selectedPercentiles(info, subfields(info, groups, m.key))));
}
