// Stats over consecutive periods (a trend) for England (`statsSeries`), a region and a board
// (`Region.statsSeries`, `Board.statsSeries`). Every period's counts come from one set of grouped statements
// for the whole series (domain/stats.ts countBoardsOver), shared by every region and board of the request
// that asks for the same series, over only the kinds of rows its selected figures read; a series counted over
// every kind also hands each period to the request's Stats loader, so a `stats` of one of those periods
// elsewhere in the request costs nothing more.
import { builder } from "../builder";
import { PeriodRef } from "../common/period";
import { Stats, type StatsShape } from "./types";
import type { Context } from "../../context";
import { type BoardUnit, countBoardsOver, emptyCounts, sumCounts } from "../../domain/stats";
import { MAX_SERIES_PERIODS, SeriesError, type SeriesPeriod, seriesPeriods } from "../../domain/stats-series";
import type { TimeBucket } from "../../domain/time-buckets";
import type { StatsUnit } from "../../domain/disclosure";
import { badInput } from "../../errors";
import type { FieldNode, GraphQLResolveInfo } from "graphql";
import type { RowsName } from "../../domain/measures";
import { EVERY_KIND_OF_ROWS, rowsOfFields } from "../../domain/stats-needs";
import { selectedFields } from "../common/selection";

export const StatsSeriesInterval = builder.enumType("StatsSeriesInterval", {
  description: "The kind of period a series steps through.",
  values: {
    FINANCIAL_YEAR: { description: 'UK financial years, labelled "2007-08" (1 April to 31 March).' },
    CALENDAR_YEAR: { description: 'Calendar years, labelled "2007".' },
    QUARTER: { description: 'Calendar quarters, labelled "2007-Q3" (July to September).' },
    MONTH: { description: 'Calendar months, labelled "2007-09".' },
  } as const satisfies Record<TimeBucket, unknown>,
});

interface PointShape {
  label: string;
  stats: StatsShape;
}

const StatsSeriesPoint = builder.objectRef<PointShape>("StatsSeriesPoint").implement({
  description: "One period of a series, with its figures.",
  fields: (t) => ({
    label: t.string({
      description: 'The period\'s label in the series\' interval ("2007-08", "2007", "2007-Q3", "2007-09").',
      resolve: (p) => p.label,
    }),
    period: t.field({ type: PeriodRef, description: "The dates the period covers.", resolve: (p) => p.stats.period }),
    stats: t.field({ type: Stats, description: "The figures over the period, exactly as `stats(period:)` gives them.", resolve: (p) => p.stats }),
  }),
});

interface Series {
  periods: SeriesPeriod[];
  units: BoardUnit[][];
}

// One load per distinct series per request, whichever units ask for it.
const loaded = new WeakMap<Context, Map<string, Promise<Series>>>();

function seriesOf(ctx: Context, args: { by: TimeBucket; from: string; to: string }, kinds: readonly RowsName[]): Promise<Series> {
  let periods: SeriesPeriod[];
  try {
    periods = seriesPeriods(args.by, args.from, args.to);
  } catch (error) {
    if (error instanceof SeriesError) return Promise.reject(badInput(error.message, error.argument));
    throw error;
  }
  let byKey = loaded.get(ctx);
  if (!byKey) loaded.set(ctx, (byKey = new Map()));
  const key = `${args.by}|${args.from}|${args.to}|${kinds.join(",")}`;
  let found = byKey.get(key);
  if (!found) {
    found = countBoardsOver(
      ctx.db,
      ctx.databaseKind,
      periods.map((p) => p.period),
      undefined,
      kinds,
    ).then((units) => {
      // The loader holds every kind's counts: only a series counted over every kind can stand for it.
      if (kinds.length === EVERY_KIND_OF_ROWS.length) periods.forEach((p, i) => ctx.loaders.boardUnits.prime(p.period, units[i]!));
      return { periods, units };
    });
    byKey.set(key, found);
  }
  return found;
}

// The kinds of rows the series' selected figures read, once per field node list (see queries.ts).
const kindsSelected = new WeakMap<readonly FieldNode[], readonly RowsName[]>();
function selectedKinds(info: GraphQLResolveInfo): readonly RowsName[] {
  let kinds = kindsSelected.get(info.fieldNodes);
  if (!kinds) kindsSelected.set(info.fieldNodes, (kinds = rowsOfFields(selectedFields(info, ["stats"]))));
  return kinds;
}

async function points(
  ctx: Context,
  args: { by: TimeBucket; from: string; to: string },
  unit: StatsUnit,
  info: GraphQLResolveInfo,
): Promise<PointShape[]> {
  const selected = selectedKinds(info);
  const { periods, units } = await seriesOf(ctx, args, selected);
  const kinds = new Set(selected);
  return periods.map((p, i) => {
    const boards = units[i]!;
    const counts =
      unit.level === "ENGLAND"
        ? sumCounts(boards.map((b) => b.counts))
        : unit.level === "REGION"
          ? sumCounts(boards.filter((b) => b.regionId === unit.id).map((b) => b.counts))
          : (boards.find((b) => b.boardId === unit.id)?.counts ?? emptyCounts());
    return { label: p.label, stats: { period: p.period, unit, counts, kinds } };
  });
}

const DESCRIPTION = `in order, one per period from \`from\` to \`to\` (both included): at most ${MAX_SERIES_PERIODS} periods, counted in the same few statements however many there are. Each period's figures are those of \`stats(period:)\` for it.`;

builder.queryFields((t) => ({
  statsSeries: t.field({
    type: [StatsSeriesPoint],
    description: `Figures for England over consecutive periods, ${DESCRIPTION}`,
    args: {
      by: t.arg({ type: StatsSeriesInterval, required: true, description: "The kind of period." }),
      from: t.arg.string({ required: true, description: 'The first period\'s label, e.g. "2006-07" for financial years.' }),
      to: t.arg.string({ required: true, description: 'The last period\'s label, e.g. "2009-10".' }),
    },
    resolve: (_root, args, ctx, info) => points(ctx, args, { level: "ENGLAND" }, info),
  }),
}));

builder.prismaObjectField("Region", "statsSeries", (t) =>
  t.field({
    type: [StatsSeriesPoint],
    description: `Figures for the region over consecutive periods, ${DESCRIPTION}`,
    select: { id: true },
    args: {
      by: t.arg({ type: StatsSeriesInterval, required: true, description: "The kind of period." }),
      from: t.arg.string({ required: true, description: 'The first period\'s label, e.g. "2006-07" for financial years.' }),
      to: t.arg.string({ required: true, description: 'The last period\'s label, e.g. "2009-10".' }),
    },
    resolve: (region, args, ctx, info) => points(ctx, args, { level: "REGION", id: region.id }, info),
  }),
);

builder.prismaObjectField("Board", "statsSeries", (t) =>
  t.field({
    type: [StatsSeriesPoint],
    description: `Figures for the board over consecutive periods, ${DESCRIPTION} A period in which the board was in force at no time counts zero everywhere.`,
    select: { id: true },
    args: {
      by: t.arg({ type: StatsSeriesInterval, required: true, description: "The kind of period." }),
      from: t.arg.string({ required: true, description: 'The first period\'s label, e.g. "2006-07" for financial years.' }),
      to: t.arg.string({ required: true, description: 'The last period\'s label, e.g. "2009-10".' }),
    },
    resolve: (board, args, ctx, info) => points(ctx, args, { level: "BOARD", id: board.id }, info),
  }),
);
