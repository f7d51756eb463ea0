// Stats for England (a root field) and, as fields this module adds to other domains' types, for regions and
// boards; silent boards; variation across boards or regions.
import { builder } from "../builder";
import { PeriodInput, periodArg } from "../common/period";
import { connectionDocs } from "../common/connections";
import { Board } from "../geography/types";
import type { Prisma } from "../../db";
import type { Period } from "../../domain/dates";
import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { type BoardUnit, type CountFigure as CountFigureShape, count, emptyCounts } from "../../domain/stats";
import { CountFigure, Stats, type StatsShape } from "./types";
import type { RowsName } from "../../domain/measures";
import { rowsOfFields } from "../../domain/stats-needs";
import type { StatsUnit } from "../../domain/disclosure";
import { selectedFields } from "../common/selection";
import type { Context } from "../../context";
import { suppressCount } from "../../domain/suppression";
import { coverageStatus, withCoverage } from "../../domain/coverage";
import { metricByName } from "../../domain/metrics";
import { ONCE } from "../../loaders";
import { isSuppressed, withheldFromViewer } from "../access/disclosure";

/** The period's counts of every board in force at some time in it, over every kind of rows. */
export function boardUnits(ctx: Context, period: Period): Promise<BoardUnit[]> {
  return ctx.loaders.boardUnits.load(period);
}

// The kinds of rows a `stats` field's selection reads, worked out once per field node list: graphql-js hands
// every row of a list the same list, so a page of boards walks its selection once.
const kindsSelected = new WeakMap<readonly FieldNode[], readonly RowsName[]>();
function selectedKinds(info: GraphQLResolveInfo): readonly RowsName[] {
  let kinds = kindsSelected.get(info.fieldNodes);
  if (!kinds) kindsSelected.set(info.fieldNodes, (kinds = rowsOfFields(selectedFields(info))));
  return kinds;
}

/**
 * A unit's Stats over a period, counted over only the rows its selected figures read, from the request's Stats
 * store: one set of grouped statements per period shared by every unit of the request (and kept under the data's
 * version for later requests).
 */
async function statsOf(ctx: Context, info: GraphQLResolveInfo, period: Period, unit: StatsUnit): Promise<StatsShape> {
  const [table, coverage] = await Promise.all([ctx.loaders.stats.table(period, selectedKinds(info)), ctx.loaders.coverage.load(ONCE)]);
  const counts =
    unit.level === "ENGLAND" ? table.england() : unit.level === "REGION" ? table.region(unit.id) : (table.board(unit.id) ?? emptyCounts());
  return { period, unit, counts, coverage, kinds: table.kinds };
}

builder.queryFields((t) => ({
  nationalStats: t.field({
    type: Stats,
    description: "Figures for England over a period: the sum over every board in force at some time in it.",
    args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to count over." }) },
    resolve: (_root, args, ctx, info) => statsOf(ctx, info, periodArg(args.period), { level: "ENGLAND" }),
  }),
}));

builder.prismaObjectField("Region", "stats", (t) =>
  t.field({
    type: Stats,
    description: "Figures for the region over a period: the sum over its boards in force at some time in it.",
    args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to count over." }) },
    select: { id: true },
    resolve: (region, args, ctx, info) => statsOf(ctx, info, periodArg(args.period), { level: "REGION", id: region.id }),
  }),
);

builder.prismaObjectField("Board", "stats", (t) =>
  t.field({
    type: Stats,
    description: "Figures for the board over a period. A board not in force at any time in the period counts zero everywhere.",
    args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to count over." }) },
    select: { id: true },
    resolve: (board, args, ctx, info) => statsOf(ctx, info, periodArg(args.period), { level: "BOARD", id: board.id }),
  }),
);

// ---- Silent boards --------------------------------------------------------------------------------------

/** Boards in force for the whole period that initiated no serious case review in it. */
export function silentBoardsWhere(period: Period): Prisma.BoardWhereInput {
  return {
    inForceFrom: { lte: period.from },
    OR: [{ inForceTo: null }, { inForceTo: { gte: period.to } }],
    reviewsLed: { none: { initiatedOn: { gte: period.from, lte: period.to }, withdrawnAt: null } },
    withdrawnAt: null,
  };
}

/**
 * The silent boards the viewer may see. A research partner's list is read from the suppressed table: the
 * boards in force all period whose reviewsInitiated the table shows as 0. Listing a board whose count is
 * withheld would say it is 0, and leaving one out would say it is at least 1 (which, with a region's total
 * shown, pinned withheld counts); this way being on the list or off it says nothing the table does not.
 */
async function viewerSilentBoardsWhere(ctx: Context, period: Period): Promise<Prisma.BoardWhereInput> {
  if (!isSuppressed(ctx)) return silentBoardsWhere(period);
  const units = await boardUnits(ctx, period);
  const shownZero: number[] = [];
  for (const u of units) {
    if (u.counts.reviewsInitiated === 0 && !(await withheldFromViewer(ctx, period, { level: "BOARD", id: u.boardId }, "reviewsInitiated"))) {
      shownZero.push(u.boardId);
    }
  }
  return { ...silentBoardsWhere(period), id: { in: shownZero } };
}

/**
 * The period a silent board was found for travels with its row to the edge fields (which cannot see the
 * connection's arguments) under a symbol, invisible to GraphQL.
 */
const SILENT_PERIOD = Symbol("silentPeriod");
type SilentRow = { id: number; [SILENT_PERIOD]?: Period };

/** A silent board's count of `measure` in the period, as the viewer may see it (a partner: as its Stats show it). */
async function silentFigure(ctx: Context, row: SilentRow, measure: "qualifyingDeaths" | "qualifyingDeathsWithRationale"): Promise<CountFigureShape> {
  const period = row[SILENT_PERIOD]!;
  const units = await boardUnits(ctx, period);
  // With its status from the coverage of its sources, as the board's Stats gives it.
  const covered = coverageStatus(await ctx.loaders.coverage.load(ONCE), metricByName(measure).sources, period);
  const figure = withCoverage(count((units.find((u) => u.boardId === row.id)?.counts ?? emptyCounts())[measure]), covered);
  return isSuppressed(ctx) ? suppressCount(figure, await withheldFromViewer(ctx, period, { level: "BOARD", id: row.id }, measure)) : figure;
}

builder.queryFields((t) => ({
  silentBoards: t.prismaConnection(
    {
      type: Board,
      cursor: "id",
      description:
        "Silent boards: boards in force for the whole period that initiated no serious case review in it (by decision date), sorted by name, each edge with the board's qualifying deaths in the period. The inspectors found a quarter of boards silent from April 2006 to October 2007. For a research partner, only the boards whose `stats.reviewsInitiated` is shown as 0: a board whose count is withheld is not listed, whatever it is.",
      args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to look at." }) },
      totalCount: async (_parent, args, ctx) => ctx.db.board.count({ where: await viewerSilentBoardsWhere(ctx, periodArg(args.period)) }),
      resolve: async (query, _parent, args, ctx) => {
        const period = periodArg(args.period);
        const where = await viewerSilentBoardsWhere(ctx, period);
        const rows = await ctx.db.board.findMany({ ...query, where, orderBy: [{ name: "asc" }, { id: "asc" }] });
        return rows.map((row) => Object.assign(row, { [SILENT_PERIOD]: period }));
      },
    },
    connectionDocs("silent boards", "SilentBoard")[0],
    {
      name: "SilentBoardEdge",
      description: "A silent board, with what it did about its qualifying deaths in the period.",
      fields: (edge) => ({
        qualifyingDeaths: edge.field({
          type: CountFigure,
          description: "Qualifying deaths the board notified in the period (none of them got an SCR started in it).",
          resolve: (e, _args, ctx) => silentFigure(ctx, e.node as SilentRow, "qualifyingDeaths"),
        }),
        qualifyingDeathsWithRationale: edge.field({
          type: CountFigure,
          description: "Of those, how many have a recorded rationale for the board's decision.",
          resolve: (e, _args, ctx) => silentFigure(ctx, e.node as SilentRow, "qualifyingDeathsWithRationale"),
        }),
      }),
    },
  ),
}));
