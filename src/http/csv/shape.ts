// The table a query's selection makes, for an answer in CSV (csv.ts): the one list whose items are the rows,
// the columns (the field paths of the leaves the selection asks for), and the document actually run, which adds
// to the client's what the rendering needs: each figure's status (a withheld value is written as its GSS symbol
// even when the client did not ask for the status) and, for a connection or group-by asked for without any
// paging argument, what it takes to read it page after page.
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  TypeInfo,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  visit,
  visitWithTypeInfo,
} from "graphql";
import { LIMITS } from "../../limits";

/** The alias under which a figure's status is read when the client's selection may not hold it. */
export const STATUS_ALIAS = "_csvStatus";
/** The alias of the paging fields added to a connection or group-by read page after page. */
export const PAGE_ALIAS = "_csvPage";
/** The variable that carries the cursor (connection) or offset (group-by) of the next page. */
export const PAGE_VARIABLE = "_csvPageAt";

export interface Column {
  /** The header: the response keys from the row's item (or, outside the list, from the root) joined by dots. */
  header: string;
  /** Those keys, to reach the value. */
  path: string[];
  /** True for a field of the list's items; false for one outside the list, repeated on every row. */
  inList: boolean;
  /** True for a field of a figure (a type with a FigureStatus `status`): a null there is written as its status's symbol. */
  ofFigure: boolean;
}

export type Paging =
  /** The list is a connection's edges or nodes: read on with `after` the previous page's end cursor. */
  | { kind: "cursor" }
  /** The list is a group-by's groups: read on with `offset` past the groups already read. */
  | { kind: "offset" };

export interface Table {
  /** The response keys from the root to the list. */
  listPath: string[];
  columns: Column[];
  /** How the list is read page after page; null when one execution answers it all (the client paged, or it is a plain list). */
  paging: Paging | null;
  /** The document to run: the client's operation with its fragments written in place, plus status and paging fields. */
  document: DocumentNode;
}

/** Why a selection makes no table: a sentence saying what is allowed. */
export class NotATable extends Error {}

const PAGING_ARGUMENTS = ["first", "last", "after", "before", "offset"];

/** The operation with every fragment spread replaced by the fragment's selection (validation excluded cycles). */
function inlineFragments(document: DocumentNode, operation: OperationDefinitionNode): OperationDefinitionNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return visit(operation, {
    FragmentSpread(spread): InlineFragmentNode {
      const fragment = fragments.get(spread.name.value)!;
      return {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: fragment.typeCondition,
        directives: spread.directives,
        selectionSet: fragment.selectionSet,
      };
    },
  });
}

/** A type whose objects are figures: they carry a `status` of type FigureStatus. */
function isFigure(type: GraphQLCompositeType): boolean {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  const status = type.getFields().status;
  return status !== undefined && getNamedType(status.type).name === "FigureStatus";
}

interface ListFound {
  /** The response keys from the root, through any list above it (for messages). */
  fullPath: string[];
  /** The response keys from the nearest list item above it, or from the root. */
  path: string[];
  field: FieldNode;
  /** The field the list is a field of (the connection or group-by), null for a list at the root. */
  owner: { node: FieldNode; type: GraphQLCompositeType; args: readonly string[] } | null;
}

/** Reads a valid query's selection as a table; throws NotATable when it holds no list of objects or more than one. */
export function tableOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Table {
  const inlined = inlineFragments(document, operation);
  const lists: ListFound[] = [];
  const columns: Column[] = [];
  const seen = new Set<string>();

  const walk = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    path: string[],
    fullPath: string[],
    inList: boolean,
    owner: ListFound["owner"],
  ): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (narrowed && isCompositeType(narrowed)) walk(selection.selectionSet, narrowed, path, fullPath, inList, owner);
        continue;
      }
      if (selection.kind !== Kind.FIELD) continue;
      const key = selection.alias?.value ?? selection.name.value;
      const name = selection.name.value;
      const definition = name === "__typename" ? undefined : "getFields" in type ? type.getFields()[name] : undefined;
      const fieldType = definition ? getNullableType(definition.type) : undefined;
      const named = definition ? getNamedType(definition.type) : undefined;
      if (fieldType && named && isListType(fieldType) && isCompositeType(named) && selection.selectionSet) {
        lists.push({ path: [...path, key], fullPath: [...fullPath, key], field: selection, owner });
        walk(selection.selectionSet, named, [], [...fullPath, key], true, null);
        continue;
      }
      if (named && isCompositeType(named) && selection.selectionSet) {
        const args = definition!.args.map((a) => a.name);
        walk(selection.selectionSet, named, [...path, key], [...fullPath, key], inList, { node: selection, type: named, args });
        continue;
      }
      const column: Column = { header: [...path, key].join("."), path: [...path, key], inList, ofFigure: isFigure(type) };
      const id = `${inList}:${column.header}`;
      if (!seen.has(id)) {
        seen.add(id);
        columns.push(column);
      }
    }
  };
  const root = schema.getQueryType()!;
  walk(inlined.selectionSet, root, [], [], false, null);

  if (lists.length !== 1) {
    const found = lists.length === 0 ? "it holds none" : `it holds ${lists.length}: ${lists.map((l) => l.fullPath.join(".")).join(", ")}`;
    throw new NotATable(
      `A CSV answer is one table, so the query must select exactly one list of objects (a connection's edges or nodes, a group-by's groups, a statsSeries, a variation's units, ...), and ${found}. Ask for the others separately, or ask for JSON.`,
    );
  }
  const list = lists[0]!;
  const paging = pagingOf(list);
  return { listPath: list.path, columns, paging, document: runnable(schema, inlined, list, paging) };
}

/** How the list can be read page after page, when the client gave no paging argument to its owner. */
function pagingOf(list: ListFound): Paging | null {
  const owner = list.owner;
  if (!owner || !isObjectType(owner.type)) return null;
  const given = (owner.node.arguments ?? []).some((a) => PAGING_ARGUMENTS.includes(a.name.value));
  if (given) return null;
  const fields = owner.type.getFields();
  const listName = list.field.name.value;
  if ((listName === "edges" || listName === "nodes") && owner.args.includes("after") && owner.args.includes("first") && fields.pageInfo) {
    return { kind: "cursor" };
  }
  if (listName === "groups" && owner.args.includes("offset") && owner.args.includes("first") && fields.hasNextPage) return { kind: "offset" };
  return null;
}

const field = (name: string, alias?: string, selections?: FieldNode[]): FieldNode => ({
  kind: Kind.FIELD,
  name: { kind: Kind.NAME, value: name },
  alias: alias ? { kind: Kind.NAME, value: alias } : undefined,
  selectionSet: selections ? { kind: Kind.SELECTION_SET, selections } : undefined,
});

/** The operation to run: a status on every figure, and the paging argument, variable and fields when read page by page. */
function runnable(schema: GraphQLSchema, operation: OperationDefinitionNode, list: ListFound, paging: Paging | null): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const owner = list.owner?.node;
  const edited = visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node) {
        const type = typeInfo.getParentType();
        if (!type || !isFigure(type)) return undefined;
        return { ...node, selections: [...node.selections, field("status", STATUS_ALIAS)] };
      },
      Field(node) {
        if (!paging || node !== owner) return undefined;
        const variable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: PAGE_VARIABLE } } as const;
        const argument = (name: string, value: ValueNode) => ({
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: name },
          value,
        });
        const more =
          paging.kind === "cursor" ? field("pageInfo", PAGE_ALIAS, [field("hasNextPage"), field("endCursor")]) : field("hasNextPage", PAGE_ALIAS);
        return {
          ...node,
          arguments: [
            ...(node.arguments ?? []),
            argument("first", { kind: Kind.INT, value: String(LIMITS.pageSize) }),
            argument(paging.kind === "cursor" ? "after" : "offset", variable),
          ],
          selectionSet: { ...node.selectionSet!, selections: [...node.selectionSet!.selections, more] },
        };
      },
    }),
  );
  const variableDefinitions = paging
    ? [
        ...(edited.variableDefinitions ?? []),
        {
          kind: Kind.VARIABLE_DEFINITION,
          variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: PAGE_VARIABLE } },
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: paging.kind === "cursor" ? "String" : "Int" } },
        } as const,
      ]
    : edited.variableDefinitions;
  return { kind: Kind.DOCUMENT, definitions: [{ ...edited, variableDefinitions }] };
}
