// Relay connections whose filter, order and pages are computed in SQL by src/domain/query, root and nested alike.
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
import { type Page, pages, ROOT } from "../../domain/query/pages";
import type { OrderTerm } from "../../domain/query/values";
import type { WhereInput } from "../../domain/query/where";
import { DEFAULT_PAGE_SIZE } from "../builder";
import { badInput } from "../../errors";
import { checkPageArgs } from "./connections";

/** The models listed through connections, with their Prisma delegates. */
const DELEGATES = {
  Region: (db: Db) => db.region,
  Board: (db: Db) => db.board,
  Incident: (db: Db) => db.incident,
  Review: (db: Db) => db.review,
  Finding: (db: Db) => db.finding,
  Author: (db: Db) => db.author,
} as const;

export type ListModel = keyof typeof DELEGATES;

type Row = { id: number } & Record<string, unknown>;

function findMany(db: Db, model: ListModel, args: object): Promise<Row[]> {
  const delegate = DELEGATES[model](db) as unknown as { findMany(args: object): Promise<Row[]> };
  return delegate.findMany(args);
}

/** What a connection lists: the rows of `model` that `where` selects, in `order`. */
export interface ListSpec {
  model: ListModel;
  where?: WhereInput;
  order: readonly OrderTerm[];
  /** For a nested list: the column of its rows that holds the parent's id. */
  parentColumn?: string;
}

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Figures over a list's whole filtered set (not the page), computed on demand in one statement per list. */
export interface ListFigures {
  count(): Promise<number>;
  measure(measure: Measure): Promise<NumberSummary>;
}

export interface ListConnection<Node = Row> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  figures: ListFigures;
}

const COUNT = "*";

/** A list under one or more parents with the same arguments, in one request: it pages and counts them together. */
class ListFamily {
  private readonly size: number;
  private readonly backward: boolean;
  private readonly cursor: number | undefined;
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
    this.size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
    this.backward = args.last != null || args.before != null;
    const cursorArg = args.after != null ? "after" : args.before != null ? "before" : null;
    this.cursor = cursorArg ? decodeCursor(args[cursorArg]!, spec.model, cursorArg) : undefined;
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
      cursor: this.cursor,
      backward: this.backward,
      limit: this.size + 1,
    });
    const ids = [...found.values()].flatMap((p) => p.ids);
    const select = this.nodeQuery.select as Record<string, unknown> | undefined;
    const query = select ? { ...this.nodeQuery, select: { ...select, id: true } } : this.nodeQuery;
    const rows = ids.length === 0 ? [] : await findMany(this.ctx.db, spec.model, { ...query, where: { id: { in: ids } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return parents.map((parent) => this.connection(found.get(parent) ?? { ids: [], cursorFound: this.cursor === undefined }, byId, parent));
  }

  private connection(page: Page, byId: Map<number, Row>, parent: number): ListConnection {
    if (!page.cursorFound) {
      const arg = this.args.after != null ? "after" : "before";
      throw badInput(`${arg}: that cursor is not an item of this list; page from a cursor this list returned, or start without one`, arg);
    }
    const more = page.ids.length > this.size;
    const ids = this.size === 0 ? [] : !more ? page.ids : this.backward ? page.ids.slice(1) : page.ids.slice(0, this.size);
    const edges = ids.map((id) => {
      const node = byId.get(id);
      if (!node) throw new Error(`row ${this.spec.model} ${id} vanished between two statements`);
      return { cursor: encodeCursor(this.spec.model, id), node };
    });
    return {
      edges,
      pageInfo: {
        hasNextPage: this.backward ? this.args.before != null : more,
        hasPreviousPage: this.backward ? more : this.args.after != null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      figures: this.figuresOf(parent),
    };
  }

  figuresOf(parent: number): ListFigures {
    return {
      count: async () => (await this.figures.load(`${parent}|${COUNT}`)).rows,
      measure: async (m) => {
        this.measures.set(m.key, m);
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

/**
 * A cursor names the row it follows: the listed model and the row's id, so it stays valid whatever the order
 * and a cursor of one kind of list is refused by another.
 */
function encodeCursor(model: ListModel, id: number): string {
  return Buffer.from(`cursor:${model}:${id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string, model: ListModel, arg: string): number {
  const match = /^cursor:([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badInput(`${arg}: '${cursor}' is not a cursor; use an edge's cursor or pageInfo's startCursor/endCursor`, arg);
  if (match[1] !== model) throw badInput(`${arg}: that cursor comes from a list of ${match[1]} items, not ${model} items`, arg);
  return Number(match[2]);
}

/** The selection below `edges.node`, as a Prisma include/select for the listed rows' own relations. */
function nodeQuery(ctx: Context, info: GraphQLResolveInfo, typeName: string): Record<string, unknown> {
  return queryFromInfo({ context: ctx, info, typeName, paths: [["edges", "node"]] }) as Record<string, unknown>;
}

/**
 * Resolves a root connection: one statement for the page's ids, one for its rows; counts only when asked.
 * The rows are the model's, loaded with what the query selects below them; `Node` defaults to `never` so the
 * result fits the field's prisma object type, whose row shape these rows have.
 */
export async function resolveRootList<Node = never>(
  spec: ListSpec,
  args: PageArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<ListConnection<Node>> {
  const family = new ListFamily(ctx, spec, args, selectsPage(info) ? nodeQuery(ctx, info, spec.model) : {});
  const connection = selectsPage(info) ? await family.pages.load(ROOT) : emptyPage(family.figuresOf(ROOT));
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
  const connection = selectsPage(info) ? await family.pages.load(parentId) : emptyPage(family.figuresOf(parentId));
  return connection as unknown as ListConnection<Node>;
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

function emptyPage(figures: ListFigures): ListConnection {
  return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, figures };
}

/** A connection's figures (for `totalCount` and `aggregates` resolvers on the shared connection types). */
export function figuresOf(connection: unknown): ListFigures {
  return (connection as ListConnection).figures;
}
