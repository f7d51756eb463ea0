// Stats for England (root field) and, as fields this module adds to other domains' types, regions and boards.
import { builder } from "../builder";
import { PeriodInput, periodArg } from "../shared/period";
import { sumCounts, emptyCounts } from "../../domain/stats";
import { Stats } from "./types";
import { Board } from "../geography/types";
import { connectionDocs } from "../shared/connections";
import type { Prisma } from "../../db";
import type { Period } from "../../domain/dates";

/** Boards in force for the whole period that initiated no serious case review in it. */
export function silentBoardsWhere(period: Period): Prisma.BoardWhereInput {
  return {
    inForceFrom: { lte: period.from },
    OR: [{ inForceTo: null }, { inForceTo: { gte: period.to } }],
    reviewsLed: { none: { initiatedOn: { gte: period.from, lte: period.to } } },
  };
}

builder.queryFields((t) => ({
  nationalStats: t.field({
    type: Stats,
    description: "Figures for England over a period: the sum over every board in force in it.",
    args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to count over." }) },
    resolve: async (_root, args, ctx) => {
      const period = periodArg(args.period);
      const units = await ctx.loaders.boardUnits.load(period);
      return { period, unit: { level: "ENGLAND" as const }, counts: sumCounts(units.map((u) => u.counts)) };
    },
  }),
}));

builder.queryFields((t) => ({
  silentBoards: t.prismaConnection(
    {
      type: Board,
      cursor: "id",
      description:
        "Boards in force for the whole period that initiated no serious case review in it (by decision date), sorted by name. The inspectors found a quarter of boards silent from April 2006 to October 2007.",
      args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to look at." }) },
      totalCount: (_parent, args, ctx) => ctx.db.board.count({ where: silentBoardsWhere(periodArg(args.period)) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.db.board.findMany({ ...query, where: silentBoardsWhere(periodArg(args.period)), orderBy: [{ name: "asc" }, { id: "asc" }] }),
    },
    ...connectionDocs("silent boards"),
  ),
}));

builder.prismaObjectField("Region", "stats", (t) =>
  t.field({
    type: Stats,
    description: "Figures for the region over a period: the sum over its boards in force in it.",
    args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to count over." }) },
    select: { id: true },
    resolve: async (region, args, ctx) => {
      const period = periodArg(args.period);
      const units = await ctx.loaders.boardUnits.load(period);
      const counts = sumCounts(units.filter((u) => u.regionId === region.id).map((u) => u.counts));
      return { period, unit: { level: "REGION" as const, id: region.id }, counts };
    },
  }),
);

builder.prismaObjectField("Board", "stats", (t) =>
  t.field({
    type: Stats,
    description: "Figures for the board over a period. A board not in force at any time in the period counts zero everywhere.",
    args: { period: t.arg({ type: PeriodInput, required: true, description: "The period to count over." }) },
    select: { id: true },
    resolve: async (board, args, ctx) => {
      const period = periodArg(args.period);
      const units = await ctx.loaders.boardUnits.load(period);
      const counts = units.find((u) => u.boardId === board.id)?.counts ?? emptyCounts();
      return { period, unit: { level: "BOARD" as const, id: board.id }, counts };
    },
  }),
);
