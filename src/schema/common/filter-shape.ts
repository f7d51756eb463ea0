// Measures what an operation's `where` inputs will make the database do, before anything runs: every relation
// filter (a condition on a board's region, a region's boards, a review's authors …) becomes one correlated
// subquery (EXISTS) that the database evaluates for each row it reaches one hop nearer the list being filtered,
// so the work grows with the number of such subqueries and, multiplied by each hop's fan-out, with their depth.
//
// The operation is walked as it executes: a fragment spread twice counts twice (measured once, so nested
// spreads cannot blow the measuring up), and the values are those the resolvers will see (literals and
// variables alike).
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from "graphql";

export interface FilterShape {
  /** The most relation hops from a filtered list to a condition (`boards: { some: { region: … } }` is 2). */
  relationDepth: number;
  /** Relation subqueries in all: each `some`, `none`, `every` and each condition on a single related row. */
  relationFilters: number;
  /** Their cost: `weight(hops)` summed over every subquery. */
  cost: number;
}

const COMBINATORS = new Set(["AND", "OR", "NOT"]);
const EMPTY: FilterShape = { relationDepth: 0, relationFilters: 0, cost: 0 };

/**
 * A field of a `where` input that crosses a relation: any field but AND/OR/NOT whose type is another model's
 * `…Where` (one related row: `board`, `evaluation`, `holds`) or a `…ListFilter` (related rows: `some`, `none`,
 * `every`). Operator inputs (`StringFilter`, `DateFilter`, `…Filter` of an enum) are not relations.
 */
function relationTarget(parentName: string, fieldName: string, typeName: string): "one" | "list" | null {
  if (!parentName.endsWith("Where") || COMBINATORS.has(fieldName)) return null;
  if (typeName.endsWith("ListFilter")) return "list";
  if (typeName.endsWith("Where")) return "one";
  return null;
}

function add(a: FilterShape, b: FilterShape): FilterShape {
  return { relationDepth: Math.max(a.relationDepth, b.relationDepth), relationFilters: a.relationFilters + b.relationFilters, cost: a.cost + b.cost };
}

/** Relation filters in one input value of `type`, `hops` relations away from the list being filtered. */
function inValue(value: unknown, type: GraphQLInputType, hops: number, weight: (hops: number) => number): FilterShape {
  if (value == null) return EMPTY;
  if (isNonNullType(type)) return inValue(value, type.ofType, hops, weight);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    return items.reduce((s: FilterShape, item) => add(s, inValue(item, type.ofType, hops, weight)), EMPTY);
  }
  if (!isInputObjectType(type) || typeof value !== "object" || Array.isArray(value)) return EMPTY;
  const fields = type.getFields();
  let shape = EMPTY;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const field = fields[key];
    if (!field || inner == null) continue;
    const target = relationTarget(type.name, key, getNamedType(field.type).name);
    if (target === null) {
      shape = add(shape, inValue(inner, field.type, hops, weight));
      continue;
    }
    const depth = hops + 1;
    // A list condition is one subquery per quantifier given; a single related row, one subquery.
    const quantifiers = target === "list" && typeof inner === "object" ? Object.values(inner as object).filter((v) => v != null).length : 1;
    shape = add(shape, { relationDepth: depth, relationFilters: quantifiers, cost: quantifiers * weight(depth) });
    shape = add(shape, inValue(inner, field.type, depth, weight));
  }
  return shape;
}

/** The relation filters of every argument of the operation, as executed. */
export function measureFilters(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  weight: (hops: number) => number,
): FilterShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const measured = new Map<string, FilterShape>();
  const visiting = new Set<string>();

  const field = (parent: GraphQLCompositeType, node: FieldNode): FilterShape => {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return EMPTY;
    const definition = parent.getFields()[node.name.value];
    if (!definition) return EMPTY; // __typename, or a field validation refuses
    let shape = EMPTY;
    if (node.arguments?.length) {
      try {
        const args = getArgumentValues(definition, node, variables);
        for (const arg of definition.args) shape = add(shape, inValue(args[arg.name], arg.type, 0, weight));
      } catch {
        // Arguments that do not fit are refused by execution, with the reason, before any resolver runs.
      }
    }
    const type = getNamedType(definition.type);
    if (node.selectionSet && isCompositeType(type)) shape = add(shape, selectionSet(type, node.selectionSet));
    return shape;
  };

  const fragment = (name: string): FilterShape => {
    const done = measured.get(name);
    if (done) return done;
    const definition = fragments.get(name);
    if (!definition || visiting.has(name)) return EMPTY; // unknown or cyclic: validation refuses it
    const type = schema.getType(definition.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return EMPTY;
    visiting.add(name);
    const shape = selectionSet(type, definition.selectionSet);
    visiting.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionSet = (parent: GraphQLCompositeType, set: SelectionSetNode): FilterShape => {
    let shape = EMPTY;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) shape = add(shape, field(parent, s));
      else if (s.kind === Kind.FRAGMENT_SPREAD) shape = add(shape, fragment(s.name.value));
      else {
        const type = s.typeCondition ? schema.getType(s.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) shape = add(shape, selectionSet(type, s.selectionSet));
      }
    }
    return shape;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionSet(root, operation.selectionSet) : EMPTY;
}

/** How deeply a JSON value nests objects and lists: a scalar 0, `{ code: { eq: "x" } }` 2. */
export function nestingOf(value: unknown): number {
  // Iterative, so a variable's JSON nested thousands deep is measured without exhausting the stack.
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    deepest = Math.max(deepest, depth + 1);
    for (const inner of Array.isArray(v) ? v : Object.values(v)) stack.push([inner, depth + 1]);
  }
  return deepest;
}

/** The deepest nesting of objects and lists written in the document (arguments, defaults of variables). */
export function literalNesting(document: DocumentNode): number {
  let depth = 0;
  let deepest = 0;
  const enter = () => {
    depth++;
    deepest = Math.max(deepest, depth);
  };
  const leave = () => {
    depth--;
  };
  visit(document, { ObjectValue: { enter, leave }, ListValue: { enter, leave } });
  return deepest;
}
