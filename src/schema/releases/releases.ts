// Releases: `releases`, `release(name:)` and `createRelease`. A release's figures read back as frozen, beside
// the figure computed now and whether it was revised. Not in a research partner's schema (docs/releases.md).
import { builder } from "../builder";
import { PeriodInput } from "../common/period";
import { PeriodRef } from "../common/period";
import { RatioFigure } from "../analytics/types";
import { type UserErrorShape, ValidationFailed } from "../access/types";
import { problemError } from "./types";
import type { Context } from "../../context";
import { actorOfViewer } from "../../domain/audit";
import { periodKey } from "../../domain/dates";
import { metricPer } from "../../domain/metrics";
import { ONCE } from "../../loaders";
import {
  createRelease,
  FIGURE_NAMES,
  readValue,
  type FigureValue,
  figuresOf,
  type ReleaseLevel as Level,
  type ReleaseRow,
  unitCounts,
} from "../../domain/releases";

export const ReleaseLevel = builder.enumType("ReleaseLevel", {
  description: "Which units a release's figures are about.",
  values: {
    ENGLAND: { description: "England as a whole." },
    REGION: { description: "Each of the nine regions." },
    BOARD: { description: "Each board in force at some time in the period." },
  } as const,
});

type FigureRow = {
  id: number;
  level: string;
  unitCode: string;
  periodFrom: string;
  periodTo: string;
  metric: string;
  value: string | null;
  status: string;
  numerator: number | null;
  denominator: number | null;
  label: string | null;
  citation: string | null;
};

// Every figure of a unit in a period, computed now, once per request for all the figures that ask.
const computed = new WeakMap<Context, Map<string, Promise<Map<string, FigureValue> | null>>>();
function currentFigures(ctx: Context, f: FigureRow): Promise<Map<string, FigureValue> | null> {
  if (!computed.has(ctx)) computed.set(ctx, new Map());
  const period = { from: f.periodFrom, to: f.periodTo };
  const key = `${periodKey(period)}|${f.level}|${f.unitCode}`;
  const cache = computed.get(ctx)!;
  if (!cache.has(key)) {
    cache.set(
      key,
      (async () => {
        const [boards, coverage, regions] = await Promise.all([
          ctx.loaders.boardUnits.load(period),
          ctx.loaders.coverage.load(ONCE),
          ctx.loaders.regionIds.load(ONCE),
        ]);
        const counts = unitCounts(boards, regions, { level: f.level as Level, code: f.unitCode });
        return counts && figuresOf(counts, period, coverage);
      })(),
    );
  }
  return cache.get(key)!;
}

const NOT_AVAILABLE: FigureValue = { value: null, status: "NOT_AVAILABLE", numerator: null, denominator: null };
async function currentFigure(ctx: Context, f: FigureRow): Promise<FigureValue> {
  return (await currentFigures(ctx, f))?.get(f.metric) ?? NOT_AVAILABLE;
}

/** The metric's multiplier (a rate's 10,000), which a stored figure does not hold. */
function withPer(metric: string): { per?: number } {
  const per = metricPer(metric);
  return per === null ? {} : { per };
}

export const ReleaseFigure = builder.prismaObject("ReleaseFigure", {
  description:
    "One figure of a release: a `Stats` metric (or one item of a `Stats` list) of one unit over one period, as frozen and as computed now.",
  fields: (t) => ({
    label: t.exposeString("label", { nullable: true, description: "The published figure's label, for the seed's anchors (\"A5\")." }),
    citation: t.exposeString("citation", { nullable: true, description: "Where the figure was published, when it came from outside." }),
    level: t.field({ type: ReleaseLevel, description: "England, a region or a board.", resolve: (f) => f.level as Level }),
    unitCode: t.exposeString("unitCode", { description: "The region's or board's code; \"\" for England." }),
    period: t.field({ type: PeriodRef, description: "The period the figure counts over.", resolve: (f) => ({ from: f.periodFrom, to: f.periodTo }) }),
    metric: t.exposeString("metric", {
      description: "The `Stats` field (`deathRate`), or a list's item as `list.ITEM` (`evaluatedByGrade.GOOD`).",
    }),
    frozen: t.field({
      type: RatioFigure,
      description: "The figure as the release froze it (for a count, `numerator` and `denominator` are null).",
      resolve: (f) => ({
        value: readValue(f.value),
        status: f.status as FigureValue["status"],
        numerator: f.numerator,
        denominator: f.denominator,
        ...withPer(f.metric),
      }),
    }),
    current: t.field({
      type: RatioFigure,
      description: "The same figure computed now, by the code that computes `Stats`, with today's records and coverage.",
      resolve: async (f, _args, ctx) => ({ ...(await currentFigure(ctx, f)), ...withPer(f.metric) }),
    }),
    revised: t.boolean({
      description:
        "True when the figure computed now differs from the frozen one, in value or in status: a later correction, import or coverage statement changed it.",
      resolve: async (f, _args, ctx) => {
        const now = await currentFigure(ctx, f);
        return now.value !== readValue(f.value) || now.status !== f.status;
      },
    }),
  }),
});

export const Release = builder.prismaObject("Release", {
  description: "A named, dated release: the figures a publication used, frozen, to be read back beside the figures computed now.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "The release's title." }),
    publishedOn: t.field({ type: "Date", description: "The date it was published.", resolve: (r) => r.publishedOn }),
    source: t.exposeString("source", {
      nullable: true,
      description: "Where it was published, when its figures come from outside (the seed's anchors).",
    }),
    seed: t.exposeBoolean("seed", { description: "True for the seed's release of published anchors, which `npm run seed` replaces." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was frozen." }),
    createdBy: t.exposeString("createdBy", { description: 'Who froze it: the key\'s label, or "seed".' }),
    figures: t.relatedConnection(
      "figures",
      {
        cursor: "id",
        description:
          "The release's figures, in the order they were frozen (period, then England, regions and boards by code, then the metrics of `Stats`).",
        args: {
          level: t.arg({ type: ReleaseLevel, description: "Only figures of this level." }),
          unitCode: t.arg.string({ description: "Only figures of this unit (a region's or board's code; \"\" for England)." }),
          metric: t.arg.string({ description: "Only this metric (`deaths`, `evaluatedByGrade.GOOD`)." }),
        },
        query: (args) => ({
          where: { level: args.level ?? undefined, unitCode: args.unitCode ?? undefined, metric: args.metric ?? undefined },
          orderBy: { id: "asc" },
        }),
        totalCount: true,
      },
      { name: "ReleaseFigureConnection", description: "A page of a release's figures, with how many match." },
      { name: "ReleaseFigureEdge", description: "A figure of a release, in a page." },
    ),
  }),
});

builder.queryFields((t) => ({
  releases: t.prismaField({
    type: [Release],
    authScopes: { caseDetail: true },
    description: "Every release, newest publication first. Not available to research partners (docs/releases.md).",
    resolve: (query, _root, _args, ctx) => ctx.db.release.findMany({ ...query, orderBy: [{ publishedOn: "desc" }, { id: "desc" }] }),
  }),
  release: t.prismaField({
    type: Release,
    nullable: true,
    authScopes: { caseDetail: true },
    description: "The release of this name, or null when there is none.",
    args: { name: t.arg.string({ required: true, description: "The release's name, exactly." }) },
    resolve: (query, _root, args, ctx) => ctx.db.release.findUnique({ ...query, where: { name: args.name } }),
  }),
}));

const CreateReleaseInput = builder.inputType("CreateReleaseInput", {
  description: "A release to freeze: its name and date, and the periods and levels whose figures it publishes.",
  fields: (t) => ({
    name: t.string({ required: true, description: "Its title (1 to 200 characters), unique." }),
    publishedOn: t.field({ type: "Date", required: true, description: "The date it is published." }),
    source: t.string({ description: "Where it is published, if outside SCR Atlas." }),
    periods: t.field({ type: [PeriodInput], required: true, description: "The periods whose figures it publishes (1 to 12, each once)." }),
    levels: t.field({ type: [ReleaseLevel], description: "The units it covers; England, every region and every board when left out." }),
  }),
});

const CreateReleaseError = builder.unionType("CreateReleaseError", {
  description: "Why a release could not be frozen.",
  types: [ValidationFailed],
  resolveType: () => ValidationFailed,
});

const CreateReleasePayload = builder.objectRef<{ release: ReleaseRow | null; errors: UserErrorShape[] }>("CreateReleasePayload").implement({
  description: "The release frozen; or why not (then nothing was written).",
  fields: (t) => ({
    release: t.field({ type: Release, nullable: true, description: "The release; null when it was not frozen.", resolve: (p) => p.release as never }),
    errors: t.field({ type: [CreateReleaseError], description: "Every problem with the input; empty when it was frozen.", resolve: (p) => p.errors }),
  }),
});

builder.mutationFields((t) => ({
  createRelease: t.field({
    type: CreateReleasePayload,
    authScopes: { steward: true },
    description: `Freezes a release: every figure of \`Stats\` (${FIGURE_NAMES.length} per unit, lists' items included) of the chosen units over each period, computed as \`Stats\` computes them now, with their statuses. STEWARD or ADMIN.`,
    args: { input: t.arg({ type: CreateReleaseInput, required: true, description: "The release." }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await createRelease(ctx.db, ctx.databaseKind, actorOfViewer(ctx.viewer!, ctx.requestId), {
        ...input,
        levels: input.levels as Level[] | null | undefined,
      });
      if (!result.ok) return { release: null, errors: result.problems.map(problemError) };
      return { release: result.release, errors: [] };
    },
  }),
}));
