// Relay connections whose filter, order and pages are computed in SQL by src/domain/query, root and nested alike.
//
// A root list is first offered to the compiled read path (compiled-read.ts: the list and everything below it in
// one statement). What it does not serve is read here, list by list:
//
// A page is one statement of row ids (numbered by a window, per parent for a nested list), then one Prisma
// findMany of those rows with everything the query selects below them, so the prisma plugin's query merging
// loads their relations. A nested list (Board.reviews under 100 boards) goes through a per-request DataLoader:
// one statement for all parents' pages, one for their rows, one for all their counts and aggregates. The
// number of statements follows the shape of the query, never the page size or the number of parents.
import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import { queryFromInfo } from "@pothos/plugin-prisma";
import type { Context } from "../../context";
import type { Db } from "../../db";
import { aggregate, type Measure, type NumberSummary } from "../../domain/query/aggregates";
import { dialectFor } from "../../domain/query/dialect";
import { withPercentiles } from "../../domain/query/percentiles";
import { type Page, pages, ROOT } from "../../domain/query/pages";
import { DEFAULT_PAGE_SIZE } from "../builder";
import { checkPageArgs } from "./connections";
import { selectedPercentiles } from "./percentile-selection";
import { readCompiled, registerMeasure, registerNestedList } from "./compiled-read";
import {
  cursorNotFound,
  emptyConnection,
  type ListConnection,
  type ListFigures,
  type ListModel,
  type ListSpec,
  type PageArgs,
  pageConnection,
  type Paging,
  pagingOf,
} from "./list-shape";

/** The models listed through connections, with their Prisma delegates. */
const DELEGATES: Record<ListModel, (db: Db) => unknown> = {
  Region: (db: Db) => db.region,
  Board: (db: Db) => db.board,
  Incident: (db: Db) => db.incident,
  Review: (db: Db) => db.review,
  Finding: (db: Db) => db.finding,
  Author: (db: Db) => db.author,
};

export type { ListConnection, ListFigures, ListModel, PageArgs };

type Row = { id: number } & Record<string, unknown>;

function findMany(db: Db, model: ListModel, args: object): Promise<Row[]> {
  const delegate = DELEGATES[model](db) as { findMany(args: object): Promise<Row[]> };
  return delegate.findMany(args);
}

export type { ListSpec };

const COUNT = "*";

/** A list under one or more parents with the same arguments, in one request: it pages and counts them together. */
class ListFamily {
  private readonly paging: Paging;
  private readonly measures = new Map<string, Measure>();
  readonly pages: DataLoader<number, ListConnection>;
  private readonly figures: DataLoader<string, NumberSummary & { rows: number }>;

  get model(): ListModel {
    return this.spec.model;
  }

  constructor(
    private readonly ctx: Context,
    readonly spec: ListSpec,
    private readonly args: PageArgs,
    private readonly nodeQuery: Record<string, unknown>,
  ) {
    checkPageArgs(args);
    this.paging = pagingOf(args, spec.model, DEFAULT_PAGE_SIZE);
    this.pages = new DataLoader((parents) => this.loadPages(parents), { cache: true });
    this.figures = new DataLoader((keys) => this.loadFigures(keys));
  }

  private async loadPages(parents: readonly number[]): Promise<ListConnection[]> {
    const { spec } = this;
    const found = await pages(this.ctx.db, dialectFor(this.ctx.databaseKind), {
      model: spec.model,
      where: spec.where,
      order: spec.order,
      parent: spec.parentColumn ? { column: spec.parentColumn, ids: [...new Set(parents)] } : undefined,
      cursor: this.paging.cursor,
      backward: this.paging.backward,
      limit: this.paging.size + 1,
    });
    const ids = [...found.values()].flatMap((p) => p.ids);
    const select = this.nodeQuery.select as Record<string, unknown> | undefined;
    const query = select ? { ...this.nodeQuery, select: { ...select, id: true } } : this.nodeQuery;
    const rows = ids.length === 0 ? [] : await findMany(this.ctx.db, spec.model, { ...query, where: { id: { in: ids } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return parents.map((parent) => this.connection(found.get(parent) ?? { ids: [], cursorFound: this.paging.cursor === undefined }, byId, parent));
  }

  private connection(page: Page, byId: Map<number, Row>, parent: number): ListConnection {
    if (!page.cursorFound) throw cursorNotFound(this.args);
    const rows = page.ids.map((id) => {
      const node = byId.get(id);
      if (!node) throw new Error(`row ${this.spec.model} ${id} vanished between two statements`);
      return { id, node };
    });
    return pageConnection(this.spec.model, this.args, this.paging, rows, this.figuresOf(parent));
  }

  figuresOf(parent: number): ListFigures {
    return {
      count: async () => (await this.figures.load(`${parent}|${COUNT}`)).rows,
      measure: async (m) => {
        // Aliases of one measure may ask different percentiles: computed once, with all of them.
        const known = this.measures.get(m.key);
        this.measures.set(m.key, known ? withPercentiles(known, m.percentiles ?? []) : m);
        const { rows: _rows, ...summary } = await this.figures.load(`${parent}|${m.key}`);
        return summary;
      },
    };
  }

  private async loadFigures(keys: readonly string[]): Promise<(NumberSummary & { rows: number })[]> {
    const split = keys.map((k) => {
      const bar = k.indexOf("|");
      return { parent: Number(k.slice(0, bar)), measure: k.slice(bar + 1) };
    });
    const measures = [...new Set(split.map((s) => s.measure).filter((m) => m !== COUNT))].map((key) => this.measures.get(key)!);
    const parents = [...new Set(split.map((s) => s.parent))];
    const { spec } = this;
    const summaries = await aggregate(this.ctx.db, dialectFor(this.ctx.databaseKind), {
      model: spec.model,
      where: spec.where,
      parent: spec.parentColumn ? { column: spec.parentColumn, ids: parents } : undefined,
      measures,
    });
    return split.map(({ parent, measure }) => {
      const summary = summaries.get(parent)!;
      const m = measure === COUNT ? { count: summary.count, sum: null, avg: null, min: null, max: null } : summary.measures[measure]!;
      return { ...m, rows: summary.count };
    });
  }
}

/** The selection below `edges.node`, as a Prisma include/select for the listed rows' own relations. */
function nodeQuery(ctx: Context, info: GraphQLResolveInfo, typeName: string): Record<string, unknown> {
  return queryFromInfo({ context: ctx, info, typeName, paths: [["edges", "node"]] }) as Record<string, unknown>;
}

/**
 * Resolves a root connection. Compiled (ctx.readPath): the list and everything below it that the compiled read
 * can serve in one statement (compiled-read.ts). Otherwise, or for a selection it cannot serve: one statement
 * for the page's ids, one for its rows; counts only when asked.
 * The rows are the model's, loaded with what the query selects below them; `Node` defaults to `never` so the
 * result fits the field's prisma object type, whose row shape these rows have.
 */
export async function resolveRootList<Node = never>(
  spec: ListSpec,
  args: PageArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<ListConnection<Node>> {
  if (ctx.readPath === "compiled") {
    checkPageArgs(args);
    const compiled = await readCompiled(spec, args, ctx, info);
    if (compiled) return compiled as unknown as ListConnection<Node>;
  }
  const family = new ListFamily(ctx, spec, args, selectsPage(info) ? nodeQuery(ctx, info, spec.model) : {});
  const connection = selectsPage(info) ? await family.pages.load(ROOT) : emptyConnection(family.figuresOf(ROOT));
  return connection as unknown as ListConnection<Node>;
}

const families = new WeakMap<Context, Map<string, ListFamily>>();

/** Resolves a nested connection through the request's ListFamily for this field and these arguments. */
export async function resolveNestedList<Node = never>(
  spec: () => ListSpec,
  parentId: number,
  args: PageArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<ListConnection<Node>> {
  let byKey = families.get(ctx);
  if (!byKey) families.set(ctx, (byKey = new Map()));
  const key = `${pathKey(info)}|${JSON.stringify(args)}`;
  let family = byKey.get(key);
  const listed = family ? undefined : spec();
  const model = family?.model ?? listed!.model;
  // Planned for every parent, not once: planning records, under this parent's response path, that its rows
  // come loaded with their relations, so the prisma plugin does not load them again.
  const query = selectsPage(info) ? nodeQuery(ctx, info, model) : {};
  if (!family) {
    family = new ListFamily(ctx, listed!, args, query);
    byKey.set(key, family);
  }
  const connection = selectsPage(info) ? await family.pages.load(parentId) : emptyConnection(family.figuresOf(parentId));
  return connection as unknown as ListConnection<Node>;
}

/**
 * The resolver of a nested connection field `typeName.fieldName`, whose list `spec` defines from the field's
 * arguments; the same definition serves the compiled read, which reads this list inside its parent's statement.
 */
export function nestedList<Args extends PageArgs>(typeName: string, fieldName: string, spec: (args: Args) => ListSpec) {
  registerNestedList(typeName, fieldName, spec as (args: Record<string, unknown>) => ListSpec);
  return (parent: { id: number }, args: Args, ctx: Context, info: GraphQLResolveInfo) =>
    resolveNestedList(() => spec(args), parent.id, args, ctx, info);
}

/** The resolver of an aggregates field `typeName.fieldName` that summarises `measure`; the compiled read computes it in its statement. */
export function measured<Args>(typeName: string, fieldName: string, measure: (args: Args) => Measure) {
  registerMeasure(typeName, fieldName, measure as (args: Record<string, unknown>) => Measure);
  return (figures: ListFigures, args: Args, _ctx: Context, info: GraphQLResolveInfo) =>
    figures.measure(withPercentiles(measure(args), selectedPercentiles(info, info.fieldNodes)));
}

/** The field's response path without list indices: every parent in a list shares it. */
function pathKey(info: GraphQLResolveInfo): string {
  const keys: (string | number)[] = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev) if (typeof p.key === "string") keys.unshift(p.key);
  return keys.join(".");
}

/** Whether the query asks for the page itself (edges or pageInfo), not only totalCount and aggregates. */
function selectsPage(info: GraphQLResolveInfo): boolean {
  const visit = (selections: readonly import("graphql").SelectionNode[]): boolean =>
    selections.some((s) => {
      if (s.kind === "Field") return s.name.value === "edges" || s.name.value === "pageInfo";
      if (s.kind === "InlineFragment") return visit(s.selectionSet.selections);
      const fragment = info.fragments[s.name.value];
      return fragment ? visit(fragment.selectionSet.selections) : true;
    });
  return info.fieldNodes.some((node) => (node.selectionSet ? visit(node.selectionSet.selections) : false));
}

/** A connection's figures (for `totalCount` and `aggregates` resolvers on the shared connection types). */
export function figuresOf(connection: unknown): ListFigures {
  return (connection as ListConnection).figures;
}
