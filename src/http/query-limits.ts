// The query limits' checks: on the document before the key is looked up (document-checks.ts), and on the
// operation before any resolver runs (operation-checks.ts). Each rejection is a QUERY_LIMIT_EXCEEDED error
// naming the limit (extensions.limit: name, max, actual). The values: src/limits.ts.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from "graphql";
import { complexityFromQuery } from "@pothos/plugin-complexity";
import type { Role } from "../generated/sqlite/enums";
import { capabilitiesOf } from "../domain/roles";
import { LIMITS, limitExceeded } from "../limits";
import { eachField } from "../schema/common/operation";
import { measureFilters, nestingOf } from "../schema/common/filter-shape";

export function checkDocumentSize(query: string): void {
  const bytes = Buffer.byteLength(query, "utf8");
  if (bytes > LIMITS.documentBytes) {
    throw limitExceeded(
      "documentBytes",
      `The document is ${bytes} bytes, more than the limit of ${LIMITS.documentBytes} (limit: documentBytes).`,
      LIMITS.documentBytes,
      bytes,
    );
  }
}

// graphql-js 16 words it "more that N tokens"; either spelling is accepted.
const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:an|at) \d+ tokens/;

/**
 * Parses the document, stopping at the token limit. Returns null for any other syntax error: that one is
 * reported by the GraphQL server itself, after the key is checked.
 */
export function parseWithinLimits(query: string): DocumentNode | null {
  try {
    return parse(query, { maxTokens: LIMITS.tokens, noLocation: true });
  } catch (error) {
    if (error instanceof GraphQLError && TOKEN_LIMIT_MESSAGE.test(error.message)) {
      throw limitExceeded("tokens", `The document has more than ${LIMITS.tokens} tokens (limit: tokens).`, LIMITS.tokens, null);
    }
    return null;
  }
}

interface Shape {
  depth: number;
  aliases: number;
  directives: number;
}

/**
 * Depth, aliases and directives of every operation in a document, following fragments as executed (each
 * fragment measured once, so nested spreads cannot blow the measuring up). A fragment that spreads itself,
 * directly or not, is refused here: it would never end.
 */
export function measureDocument(document: DocumentNode): Shape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measured = new Map<string, Shape>();
  const visiting = new Set<string>();

  const fragment = (name: string): Shape => {
    const done = measured.get(name);
    if (done) return done;
    const definition = fragments.get(name);
    if (!definition) return { depth: 0, aliases: 0, directives: 0 }; // unknown fragment: validation reports it
    if (visiting.has(name)) {
      throw new GraphQLError(`Fragment ${name} spreads itself, directly or through others; a query must end.`, {
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      });
    }
    visiting.add(name);
    const shape = selectionSet(definition.selectionSet);
    shape.directives += definition.directives?.length ?? 0;
    visiting.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionSet = (set: SelectionSetNode): Shape => {
    const total: Shape = { depth: 0, aliases: 0, directives: 0 };
    for (const s of set.selections) {
      let shape: Shape;
      if (s.kind === Kind.FIELD) {
        const inner = s.selectionSet ? selectionSet(s.selectionSet) : { depth: 0, aliases: 0, directives: 0 };
        shape = { depth: inner.depth + 1, aliases: inner.aliases + (s.alias ? 1 : 0), directives: inner.directives + (s.directives?.length ?? 0) };
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        shape = selectionSet(s.selectionSet);
        shape = { ...shape, directives: shape.directives + (s.directives?.length ?? 0) };
      } else {
        shape = fragment(s.name.value);
        shape = { ...shape, directives: shape.directives + (s.directives?.length ?? 0) };
      }
      total.depth = Math.max(total.depth, shape.depth);
      total.aliases += shape.aliases;
      total.directives += shape.directives;
    }
    return total;
  };

  const result: Shape = { depth: 0, aliases: 0, directives: 0 };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      const shape = selectionSet(d.selectionSet);
      const variableDirectives = (d.variableDefinitions ?? []).reduce((n, v) => n + (v.directives?.length ?? 0), 0);
      result.depth = Math.max(result.depth, shape.depth);
      result.aliases += shape.aliases;
      result.directives += shape.directives + (d.directives?.length ?? 0) + variableDirectives;
    }
  }
  // Fragments no operation uses are still checked for cycles (validation would refuse them anyway).
  for (const name of fragments.keys()) fragment(name);
  return result;
}

/** Depth, aliases and directives against their limits. */
export function checkDocumentShape(document: DocumentNode): void {
  const shape = measureDocument(document);
  if (shape.depth > LIMITS.depth) {
    throw limitExceeded(
      "depth",
      `The query is ${shape.depth} fields deep, more than the limit of ${LIMITS.depth} (limit: depth).`,
      LIMITS.depth,
      shape.depth,
    );
  }
  if (shape.aliases > LIMITS.aliases) {
    throw limitExceeded(
      "aliases",
      `The query uses ${shape.aliases} aliases, more than the limit of ${LIMITS.aliases} (limit: aliases).`,
      LIMITS.aliases,
      shape.aliases,
    );
  }
  if (shape.directives > LIMITS.directives) {
    throw limitExceeded(
      "directives",
      `The query uses ${shape.directives} directives, more than the limit of ${LIMITS.directives} (limit: directives).`,
      LIMITS.directives,
      shape.directives,
    );
  }
}

/** Items in a value's lists, however deep. */
function listItems(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n: number, v) => n + listItems(v), 0);
  if (value !== null && typeof value === "object") return Object.values(value).reduce((n: number, v) => n + listItems(v), 0);
  return 0;
}

/**
 * The items of every list in the operation's arguments, together, against the limit. Every item can become a
 * parameter of one SQL statement, and databases bound those (SQLite, through Prisma, to 999).
 */
export function checkListItems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  let items = 0;
  eachField(schema, document, operation, (field, node) => {
    if (field.args.length === 0 || !node.arguments?.length) return;
    try {
      items += listItems(getArgumentValues(field, node, variables));
    } catch {
      // Arguments that do not fit are refused by execution, with the reason.
    }
  });
  if (items > LIMITS.listItems) {
    throw limitExceeded(
      "listItems",
      `The arguments hold ${items} list items in all, more than the limit of ${LIMITS.listItems} (limit: listItems).`,
      LIMITS.listItems,
      items,
    );
  }
}

/**
 * Objects and lists nested in the document's literals and in the variables, against the limit. Checked before
 * the key is looked up: a value nested hundreds deep would otherwise reach the resolvers and the SQL compiler,
 * whose recursion (and the databases' own bounds on an expression's depth) it could exhaust. A variable used
 * inside a literal is measured on its own: together they stay within twice the limit, far from those bounds.
 * `literalDepth` is the document's (literalNesting), measured once per document text (document-checks.ts).
 */
export function checkNesting(literalDepth: number, variables: unknown): void {
  let values = variables;
  if (typeof values === "string") {
    try {
      values = JSON.parse(values) as unknown; // variables of a GET request
    } catch {
      values = null; // not JSON: the GraphQL server refuses it with the reason
    }
  }
  const depth = Math.max(literalDepth, nestingOf(values) - 1);
  if (depth > LIMITS.inputDepth) {
    throw limitExceeded(
      "inputDepth",
      `An input value nests ${depth} objects or lists in one another, more than the limit of ${LIMITS.inputDepth} (limit: inputDepth). Flatten AND/OR/NOT where you can.`,
      LIMITS.inputDepth,
      depth,
    );
  }
}

/** Cost of one relation filter at the first hop from the filtered list. */
export const RELATION_FILTER_COST = 100;
/** How much each further hop multiplies it: about the fan-out of a relation on the seed (boards per region, incidents per board). */
export const RELATION_FILTER_GROWTH = 10;

/** The cost of one relation filter `hops` relations away from the list being filtered: 100, 1,000, 10,000. */
export function relationFilterCost(hops: number): number {
  return RELATION_FILTER_COST * RELATION_FILTER_GROWTH ** (hops - 1);
}

/**
 * The depth and number of relation filters in the operation's `where` inputs, against their limits. Each one is
 * a correlated subquery the database runs for every row one hop nearer the list, so a chain of them multiplies
 * the rows visited by every hop's fan-out, and many of them side by side add up.
 */
export function checkRelationFilters(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  const shape = measureFilters(schema, document, operation, variables, relationFilterCost);
  if (shape.relationDepth > LIMITS.relationDepth) {
    throw limitExceeded(
      "relationDepth",
      `A filter crosses ${shape.relationDepth} relations from the list it filters, more than the limit of ${LIMITS.relationDepth} (limit: relationDepth); filter the related list itself instead.`,
      LIMITS.relationDepth,
      shape.relationDepth,
    );
  }
  if (shape.relationFilters > LIMITS.relationFilters) {
    throw limitExceeded(
      "relationFilters",
      `The filters use ${shape.relationFilters} conditions on related records (some, none, every, or a related record's fields), more than the limit of ${LIMITS.relationFilters} (limit: relationFilters).`,
      LIMITS.relationFilters,
      shape.relationFilters,
    );
  }
}

/**
 * The cost of the operation to run: every field 1; a connection multiplies what is selected under it by its
 * page size (`first` or `last`, else the default page), a plain list by LIST_COST_MULTIPLIER (schema/builder.ts);
 * and every relation filter relationFilterCost(its hops), once: a nested list's filter runs in one statement
 * for all its parents, so it is not multiplied by their number.
 * @skip and @include are not looked at: a field that might run is counted.
 */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  ctx: object,
): number {
  const only: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  };
  const fields = complexityFromQuery(only, { schema, ctx, variables: variables ?? {} }).complexity;
  return fields + measureFilters(schema, document, operation, variables, relationFilterCost).cost;
}

/** The cost against the role's budget (src/domain/roles.ts). */
export function checkCost(cost: number, role: Role): void {
  const budget = capabilitiesOf(role).costBudget;
  if (cost > budget) {
    throw limitExceeded(
      "cost",
      `The query costs ${cost}, more than the ${role} budget of ${budget} (limit: cost). Ask for smaller pages or fewer fields; a connection costs its page size times what is selected in it.`,
      budget,
      cost,
    );
  }
}

export function batchingRefused(): GraphQLError {
  return limitExceeded(
    "batching",
    "Batched requests (a JSON array of operations) are not accepted: send one operation per request (limit: batching).",
    1,
    null,
  );
}
