// The compiled read path: a root list's GraphQL selection, with everything below it that the compiled read can
// serve, becomes one SQL statement (src/domain/query/read.ts) whose JSON is shaped here into the objects the
// resolvers return. Nested fields then resolve from what the statement brought: each shaped row carries, under
// PREFETCHED, its relations and nested lists by response key, and the prefetch plugin answers from there.
//
// A selection is walked as graphql-js executes it (fragments, aliases, @include/@skip, variables, argument
// defaults). What it can serve: columns exposed as fields, fields whose prisma `select` is only columns of the
// row (computed in JavaScript by their own resolvers), to-one relations, the plain lists registered below
// (Review.findings, …), values computed in SQL registered with `registerRowValue` (Review.authorsMeetStandard,
// …), nested connections registered with `nestedList` and aggregates registered with `measured` (with their
// percentiles), and a list's counts and aggregates without its page. Anything else (a field that loads through
// the prisma plugin, arguments mapped by a plugin) and the whole root list is read by the resolvers as before:
// the compiled read is all or nothing per list, so the statements a request runs are either one or exactly
// those of the resolvers.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  type FieldNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  isObjectType,
  type SelectionSetNode,
} from "graphql";
import type { Context } from "../../context";
import type { Measure } from "../../domain/query/aggregates";
import { dialectFor } from "../../domain/query/dialect";
import { field, relation } from "../../domain/query/models";
import { LRUCache } from "lru-cache";
import type { Prisma } from "../../db";
import { type ChildPlan, type ListPlan, type ListResult, listStatement, readList, type Row, type RowPlan } from "../../domain/query/read";
import type { OrderTerm } from "../../domain/query/values";
import type { WhereInput } from "../../domain/query/where";
import { DEFAULT_PAGE_SIZE } from "../builder";
import { checkPageArgs } from "./connections";
import { withPercentiles } from "../../domain/query/percentiles";
import type { Scope } from "../../domain/query/where";
import { selectedPercentiles } from "./percentile-selection";
import { PREFETCHED, PrefetchedError } from "./prefetch-plugin";
import { cursorNotFound, type ListConnection, type ListFigures, type ListSpec, type PageArgs, pageConnection, pagingOf } from "./list-shape";

type Args = Record<string, unknown>;

const nestedLists = new Map<string, (args: Args) => ListSpec>();
const measures = new Map<string, (args: Args) => Measure>();

/** A plain (unpaged) to-many list field: its relation, an optional filter from its arguments, and its order. */
export interface ChildListSpec {
  relation: string;
  where?: (args: Args) => WhereInput | undefined;
  order: readonly OrderTerm[];
}

const childLists = new Map<string, ChildListSpec>();
const childRecords = new Map<string, string>();

/**
 * A field's value computed in SQL from its row: the JSON expression (alias: the row's table alias) and how its
 * JSON becomes what the field's own resolver returns. An Error: the arguments are refused, at that field.
 */
export interface RowValue {
  value(alias: string, scope: Scope): Prisma.Sql;
  read(json: unknown): unknown;
}

const rowValues = new Map<string, (args: Args) => RowValue | Error>();

export function registerNestedList(typeName: string, fieldName: string, spec: (args: Args) => ListSpec): void {
  nestedLists.set(`${typeName}.${fieldName}`, spec);
}

export function registerMeasure(typeName: string, fieldName: string, measure: (args: Args) => Measure): void {
  measures.set(`${typeName}.${fieldName}`, measure);
}

/**
 * Declares that the list field `typeName.fieldName` (resolved in JavaScript from a prisma `select`) is the
 * relation's rows in `order`, so the compiled read can serve it. The order must be the one its resolver sorts in.
 */
export function registerChildList(typeName: string, fieldName: string, spec: ChildListSpec): void {
  childLists.set(`${typeName}.${fieldName}`, spec);
}

/**
 * Declares that the field `typeName.fieldName` (resolved in JavaScript from a prisma `select`) is the to-one
 * `relation`'s current record, or null when there is none or it was withdrawn, so the compiled read can serve it.
 */
export function registerChildRecord(typeName: string, fieldName: string, relation: string): void {
  childRecords.set(`${typeName}.${fieldName}`, relation);
}

/**
 * Declares that the field `typeName.fieldName` (resolved in JavaScript, from a prisma `select` that reaches into
 * relations) is `value` of its arguments, so the compiled read computes it in its statement. What `read` gives
 * must be exactly what the field's resolver returns; test/api/compiled-fallbacks.test.ts compares them on the seed.
 */
export function registerRowValue(typeName: string, fieldName: string, value: (args: Args) => RowValue | Error): void {
  rowValues.set(`${typeName}.${fieldName}`, value);
}

/** A selection the compiled read does not serve; the list is read by the resolvers. */
class Unsupported extends Error {}

/**
 * The root list `spec` with the field's selection in one statement, or null when the selection holds
 * something the compiled read does not serve (then the caller reads it as before).
 */
export async function readCompiled(spec: ListSpec, args: PageArgs, ctx: Context, info: GraphQLResolveInfo): Promise<ListConnection | null> {
  const key = compiledKey(spec, args, ctx, info);
  let compiled: Compiled | undefined = key === null ? undefined : compiledReads.get(key);
  if (compiled === undefined) {
    compiled = compile(spec, args, ctx, info);
    // A refusal of the arguments is not kept: it is thrown again where the resolvers read them.
    if (key !== null && compiled !== REFUSED) compiledReads.set(key, compiled);
  }
  if (compiled === UNSERVED || compiled === REFUSED) return null;
  const result = await readList(ctx.readJson, dialectFor(ctx.databaseKind), compiled.planned.plan, compiled.statement);
  return compiled.planned.shape(result);
}

/** A root list's plan, its statement and how to shape its answer, or why the resolvers read it instead. */
type Compiled = { planned: Planned<ListPlan, ListResult, ListConnection>; statement: Prisma.Sql } | typeof UNSERVED | typeof REFUSED;
/** The selection holds something the compiled read does not serve. */
const UNSERVED = Symbol("unserved");
/** Arguments below the root that the resolvers refuse (with the client's error) where they read them. */
const REFUSED = Symbol("refused");

function compile(spec: ListSpec, args: PageArgs, ctx: Context, info: GraphQLResolveInfo): Compiled {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return UNSERVED;
  let planned: Planned<ListPlan, ListResult, ListConnection>;
  try {
    planned = planConnection(spec, args, type, info.fieldNodes, info);
  } catch (error) {
    if (error instanceof Unsupported) return UNSERVED;
    if (isClientError(error)) return REFUSED;
    throw error;
  }
  return { planned, statement: listStatement(dialectFor(ctx.databaseKind), planned.plan) };
}

/**
 * The compiled reads of recent requests. Walking the selection and building the statement cost about a tenth
 * of a compiled request's CPU; a client mostly sends the same documents again, so they are kept, bounded.
 */
const compiledReads = new LRUCache<string, Exclude<Compiled, typeof REFUSED>>({ max: 500 });

/** Each parsed operation's number (Apollo keeps a document's parse, so a document sent again is the same object). */
const operationNumbers = new WeakMap<object, number>();
let lastOperationNumber = 0;

/**
 * What a root list's compiled read depends on: the operation (its selection, fragments and argument
 * literals), the field's place in it, the variables (arguments, @include/@skip), the list's definition with
 * the viewer's access filter in it (spec), its arguments and the database. Null when the spec cannot be
 * written as JSON exactly (it holds something other than plain data), and then nothing is kept.
 */
function compiledKey(spec: ListSpec, args: PageArgs, ctx: Context, info: GraphQLResolveInfo): string | null {
  let number = operationNumbers.get(info.operation);
  if (number === undefined) operationNumbers.set(info.operation, (number = ++lastOperationNumber));
  if (!isPlainData(spec) || !isPlainData(args)) return null;
  return JSON.stringify([number, ctx.databaseKind, info.path.key, info.variableValues, spec, args]);
}

/** JSON-writable values only (no dates, functions, undefined in arrays or class instances), so equal JSON means equal. */
function isPlainData(value: unknown): boolean {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => v !== undefined && isPlainData(v));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isPlainData);
  return false;
}

function isClientError(error: unknown): boolean {
  return error instanceof Error && "extensions" in error;
}

interface Planned<P, R, S> {
  plan: P;
  shape(result: R): S;
}

// ---- Walking the selection ----------------------------------------------------------------------------------

/** The fields selected on `type` by `nodes`, by response key, as graphql-js collects them. */
function collectFields(type: GraphQLObjectType, nodes: readonly FieldNode[], info: GraphQLResolveInfo): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (!included(s, info)) continue;
      if (s.kind === "Field") {
        const key = s.alias?.value ?? s.name.value;
        const list = out.get(key);
        if (list) list.push(s);
        else out.set(key, [s]);
      } else if (s.kind === "InlineFragment") {
        if (!s.typeCondition || applies(s.typeCondition.name.value, type, info)) visit(s.selectionSet, seen);
      } else {
        const name = s.name.value;
        const fragment = info.fragments[name];
        if (seen.has(name) || !fragment || !applies(fragment.typeCondition.name.value, type, info)) continue;
        seen.add(name);
        visit(fragment.selectionSet, seen);
      }
    }
  };
  const seen = new Set<string>();
  for (const node of nodes) visit(node.selectionSet, seen);
  return out;
}

function included(node: Parameters<typeof getDirectiveValues>[1], info: GraphQLResolveInfo): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

function applies(condition: string, type: GraphQLObjectType, info: GraphQLResolveInfo): boolean {
  if (condition === type.name) return true;
  const abstract = info.schema.getType(condition);
  return abstract !== undefined && !isObjectType(abstract) && type.getInterfaces().some((i) => i.name === condition);
}

interface Selected {
  key: string;
  name: string;
  def: GraphQLField<unknown, unknown>;
  nodes: FieldNode[];
  args: Args;
  ext: FieldExtensions;
}

interface FieldExtensions {
  pothosExposedField?: string;
  pothosPrismaSelect?: unknown;
  pothosPrismaRelationField?: { name: string; type: string; isList: boolean };
  pothosArgMappers?: unknown[];
}

function selected(type: GraphQLObjectType, nodes: readonly FieldNode[], info: GraphQLResolveInfo): Selected[] {
  const fields = type.getFields();
  const out: Selected[] = [];
  for (const [key, fieldNodes] of collectFields(type, nodes, info)) {
    const name = fieldNodes[0]!.name.value;
    if (name === "__typename") continue;
    const def = fields[name];
    if (!def) throw new Unsupported(`${type.name}.${name}`);
    const ext = (def.extensions ?? {}) as FieldExtensions;
    // Arguments a plugin rewrites before the resolver sees them (global IDs) are not what the walk reads.
    if ((ext.pothosArgMappers?.length ?? 0) > 0) throw new Unsupported(`${type.name}.${name} maps its arguments`);
    out.push({ key, name, def, nodes: fieldNodes, args: getArgumentValues(def, fieldNodes[0]!, info.variableValues), ext });
  }
  return out;
}

function objectType(def: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const type = getNamedType(def.type);
  if (!isObjectType(type)) throw new Unsupported(`${def.name} is not an object`);
  return type;
}

// ---- Planning ----------------------------------------------------------------------------------------------

function planConnection(
  spec: ListSpec,
  args: PageArgs,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  info: GraphQLResolveInfo,
): Planned<ListPlan, ListResult, ListConnection> {
  checkPageArgs(args);
  const paging = pagingOf(args, spec.model, DEFAULT_PAGE_SIZE);
  let count = false;
  let page = false;
  const nodeFields: FieldNode[] = [];
  let nodeType: GraphQLObjectType | undefined;
  const listMeasures = new Map<string, Measure>();
  for (const s of selected(type, nodes, info)) {
    if (s.name === "totalCount") count = true;
    else if (s.name === "pageInfo") page = true;
    else if (s.name === "edges") {
      page = true;
      const edgeType = objectType(s.def);
      for (const e of selected(edgeType, s.nodes, info)) {
        if (e.name === "node") {
          nodeType = objectType(e.def);
          nodeFields.push(...e.nodes);
        } else if (e.name !== "cursor") throw new Unsupported(`${edgeType.name}.${e.name}`);
      }
    } else if (s.name === "aggregates") {
      const aggregatesType = objectType(s.def);
      for (const a of selected(aggregatesType, s.nodes, info)) {
        if (a.name === "count") {
          count = true;
          continue;
        }
        const measure = measures.get(`${aggregatesType.name}.${a.name}`);
        if (!measure) throw new Unsupported(`${aggregatesType.name}.${a.name}`);
        // With the percentiles its selection asks for (as `measured` asks them); aliases of one measure share it.
        const m = withPercentiles(measure(a.args), selectedPercentiles(info, a.nodes));
        const known = listMeasures.get(m.key);
        listMeasures.set(m.key, known ? withPercentiles(known, m.percentiles ?? []) : m);
      }
    } else throw new Unsupported(`${type.name}.${s.name}`);
  }
  const row = nodeType ? planRow(nodeType, spec.model, nodeFields, info) : undefined;
  const plan: ListPlan = {
    model: spec.model,
    where: spec.where,
    order: spec.order,
    parentColumn: spec.parentColumn,
    page: page ? { limit: paging.size + 1, cursor: paging.cursor, backward: paging.backward, row: row?.plan ?? emptyRow(spec.model) } : undefined,
    count,
    measures: [...listMeasures.values()],
  };
  return {
    plan,
    shape(result) {
      if (!result.cursorFound) throw cursorNotFound(args);
      const figures: ListFigures = {
        count: () => Promise.resolve(result.count ?? 0),
        measure: (m) => {
          const summary = result.measures[m.key];
          return summary ? Promise.resolve(summary) : Promise.reject(new Error(`measure ${m.key} was not planned`));
        },
      };
      const rows = result.rows.map((r) => ({ id: r.id, node: row ? row.shape(r) : shapeRow(r, []) }));
      return pageConnection(spec.model, args, paging, rows, figures);
    },
  };
}

function emptyRow(model: string): RowPlan {
  return { model, columns: [], children: [] };
}

type ChildShape = { key: string; shape(value: unknown): unknown };

function planRow(type: GraphQLObjectType, model: string, nodes: readonly FieldNode[], info: GraphQLResolveInfo): Planned<RowPlan, Row, object> {
  const columns = new Set<string>();
  const children: ChildPlan[] = [];
  const shapes: ChildShape[] = [];
  for (const s of selected(type, nodes, info)) {
    const at = `${type.name}.${s.name}`;
    const nested = nestedLists.get(at);
    const child = childLists.get(at);
    const related = s.ext.pothosPrismaRelationField;
    const computed = rowValues.get(at);
    if (computed) {
      const value = computed(s.args);
      if (value instanceof Error) shapes.push({ key: s.key, shape: () => new PrefetchedError(value) });
      else {
        children.push({ key: s.key, kind: "value", value: value.value });
        shapes.push({ key: s.key, shape: (json) => value.read(json) });
      }
    } else if (nested) {
      const spec = nested(s.args);
      const list = planConnection(spec, s.args as PageArgs, objectType(s.def), s.nodes, info);
      children.push({ key: s.key, kind: "list", list: list.plan });
      shapes.push({
        key: s.key,
        shape: (value) => {
          try {
            return list.shape(value as ListResult);
          } catch (error) {
            return new PrefetchedError(error as Error);
          }
        },
      });
    } else if (child) {
      const r = relation(model, child.relation);
      const rows = planRow(objectType(s.def), r.model, s.nodes, info);
      children.push({ key: s.key, kind: "many", relation: child.relation, where: child.where?.(s.args), order: child.order, row: rows.plan });
      shapes.push({ key: s.key, shape: (value) => (value as Row[]).map((v) => rows.shape(v)) });
    } else if (related || childRecords.has(at)) {
      const name = related ? related.name : childRecords.get(at)!;
      const r = relation(model, name);
      if (r.list || s.def.args.length > 0) throw new Unsupported(at);
      const one = planRow(objectType(s.def), r.model, s.nodes, info);
      children.push({ key: s.key, kind: "one", relation: name, row: one.plan });
      shapes.push({ key: s.key, shape: (value) => (value === null ? null : one.shape(value as Row)) });
    } else if (s.ext.pothosExposedField !== undefined) {
      columns.add(column(model, s.ext.pothosExposedField, at));
    } else if (s.name === "id" && s.ext.pothosPrismaSelect === undefined) {
      // The global ID, from the row's id, which every row carries.
    } else {
      // A field computed by its own resolver from columns of the row (its prisma select names only columns).
      const select = s.ext.pothosPrismaSelect;
      if (!select || typeof select !== "object") throw new Unsupported(at);
      for (const [name, value] of Object.entries(select)) {
        if (value !== true) throw new Unsupported(at);
        columns.add(column(model, name, at));
      }
    }
  }
  return {
    plan: { model, columns: [...columns], children },
    shape: (row) => shapeRow(row, shapes),
  };
}

/** A column the compiled read can return as the resolvers would see it (dates are ISO text on both databases). */
function column(model: string, name: string, at: string): string {
  const f = field(model, name);
  if (f.kind !== "column" || f.type === "DateTime" || f.type === "Bytes" || f.type === "Json" || f.type === "BigInt" || f.type === "Decimal") {
    throw new Unsupported(`${at}: ${model}.${name}`);
  }
  return name;
}

function shapeRow(row: Row, shapes: readonly ChildShape[]): object {
  const prefetched: Record<string, unknown> = {};
  for (const { key, shape } of shapes) prefetched[key] = shape(row.children[key] ?? null);
  // The row's columns object (read.ts builds one per row, used nowhere else) becomes the shaped row: a copy
  // per row of every page would be garbage at once.
  const shaped = row.columns as Record<string | symbol, unknown>;
  shaped.id = row.id;
  shaped[PREFETCHED] = prefetched;
  return shaped;
}
