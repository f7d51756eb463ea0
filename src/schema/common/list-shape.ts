// The shape every SQL-backed connection answers with (edges, pageInfo, the list's figures) and its cursors,
// shared by the compiled read (compiled-read.ts) and the per-list resolvers (query-connections.ts), so both
// page, count and refuse a stale cursor in exactly the same way.
import type { Measure, NumberSummary } from "../../domain/query/aggregates";
import type { OrderTerm } from "../../domain/query/values";
import type { WhereInput } from "../../domain/query/where";
import { badInput } from "../../errors";

/** The models listed through connections. */
export type ListModel = "Region" | "Board" | "Incident" | "Review" | "Finding" | "Author";

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Figures over a list's whole filtered set (not the page). */
export interface ListFigures {
  count(): Promise<number>;
  measure(measure: Measure): Promise<NumberSummary>;
}

export interface ListConnection<Node = unknown> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  figures: ListFigures;
}

/**
 * A cursor names the row it follows: the listed model and the row's id, so it stays valid whatever the order
 * and a cursor of one kind of list is refused by another.
 */
export function encodeCursor(model: ListModel, id: number): string {
  return Buffer.from(`cursor:${model}:${id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, model: ListModel, arg: string): number {
  const match = /^cursor:([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badInput(`${arg}: '${cursor}' is not a cursor; use an edge's cursor or pageInfo's startCursor/endCursor`, arg);
  if (match[1] !== model) throw badInput(`${arg}: that cursor comes from a list of ${match[1]} items, not ${model} items`, arg);
  return Number(match[2]);
}

/** How a connection's arguments page: the page size, the direction and the cursor's row, if any. */
export interface Paging {
  size: number;
  backward: boolean;
  cursor: number | undefined;
}

export function pagingOf(args: PageArgs, model: ListModel, defaultSize: number): Paging {
  const cursorArg = args.after != null ? "after" : args.before != null ? "before" : null;
  return {
    size: args.first ?? args.last ?? defaultSize,
    backward: args.last != null || args.before != null,
    cursor: cursorArg ? decodeCursor(args[cursorArg]!, model, cursorArg) : undefined,
  };
}

/** The error for a cursor that is not an item of the list it is given to. */
export function cursorNotFound(args: PageArgs): Error {
  const arg = args.after != null ? "after" : "before";
  return badInput(`${arg}: that cursor is not an item of this list; page from a cursor this list returned, or start without one`, arg);
}

/**
 * A connection from the rows found for a page: `rows` holds up to one row more than the page, in list order,
 * which tells whether there is another page in the direction of travel.
 */
export function pageConnection<Node>(
  model: ListModel,
  args: PageArgs,
  paging: Paging,
  rows: readonly { id: number; node: Node }[],
  figures: ListFigures,
): ListConnection<Node> {
  const { size, backward } = paging;
  const more = rows.length > size;
  const page = size === 0 ? [] : !more ? rows : backward ? rows.slice(1) : rows.slice(0, size);
  const edges = page.map((r) => ({ cursor: encodeCursor(model, r.id), node: r.node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? args.before != null : more,
      hasPreviousPage: backward ? more : args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    figures,
  };
}

export function emptyConnection(figures: ListFigures): ListConnection<never> {
  return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, figures };
}

/** What a connection lists: the rows of `model` that `where` selects, in `order`. */
export interface ListSpec {
  model: ListModel;
  where?: WhereInput;
  order: readonly OrderTerm[];
  /** For a nested list: the column of its rows that holds the parent's id. */
  parentColumn?: string;
}
