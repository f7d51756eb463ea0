// Releases: a steward freezes the figures a publication uses, computed by the same code as `Stats` (the table
// of measures, read as metrics, with coverage applied), so a release can later be read back beside the figures
// computed now, and any revision shows. No GraphQL here.
import type { DatabaseKind } from "../config";
import type { Db } from "../db";
import { type Actor, recordAudit } from "./audit";
import { type Coverage, coverageStatus, readCoverage, withCoverage } from "./coverage";
import { type Period, PeriodError, type PeriodInput, periodKey, resolvePeriod } from "./dates";
import { METRICS, STATS_LISTS } from "./metrics";
import type { Problem } from "./records/problems";
import { type BoardUnit, count, countBoards, type RatioFigure, sumCounts, type UnitCounts } from "./stats";

export const RELEASE_LEVELS = ["ENGLAND", "REGION", "BOARD"] as const;
export type ReleaseLevel = (typeof RELEASE_LEVELS)[number];

export const RELEASE_NAME_MAX = 200;
/** A release freezes a few periods; each is every figure of every unit (about 6,000 rows). */
export const RELEASE_PERIODS_MAX = 12;
const BATCH = 500;

/** A figure as frozen or as computed now: a count has no numerator or denominator. */
export type FigureValue = Pick<RatioFigure, "value" | "status" | "numerator" | "denominator">;

/**
 * Every figure of a unit's counts, by name: each metric of `Stats` (`deathRate`) and each item of its lists
 * (`evaluatedByGrade.GOOD`), with the status coverage gives it for the period.
 */
export function figuresOf(counts: UnitCounts, period: Period, coverage: Coverage): Map<string, FigureValue> {
  const figures = new Map<string, FigureValue>();
  for (const m of METRICS) {
    const f = withCoverage(m.compute(counts), coverageStatus(coverage, m.sources, period));
    figures.set(m.name, {
      value: f.value,
      status: f.status,
      numerator: "numerator" in f ? f.numerator : null,
      denominator: "denominator" in f ? f.denominator : null,
    });
  }
  for (const l of STATS_LISTS) {
    const status = coverageStatus(coverage, l.sources, period);
    const items = (counts as unknown as Record<string, Record<string, number>>)[l.name]!;
    for (const item of l.items) {
      const f = withCoverage(count(items[item]!), status);
      figures.set(`${l.name}.${item}`, { value: f.value, status: f.status, numerator: null, denominator: null });
    }
  }
  return figures;
}

/** Every figure name a release can hold. */
export const FIGURE_NAMES: readonly string[] = [...METRICS.map((m) => m.name), ...STATS_LISTS.flatMap((l) => l.items.map((i) => `${l.name}.${i}`))];

/** A figure's value as stored: the number as JavaScript prints it, which reads back as the same number. */
export function storedValue(value: number | null): string | null {
  return value === null ? null : String(value);
}
export function readValue(stored: string | null): number | null {
  return stored === null ? null : Number(stored);
}

/** A unit of a release: England (code ""), a region or a board, by code. */
export interface ReleaseUnit {
  level: ReleaseLevel;
  code: string;
}

/** The counts of a unit in a period, from the boards' counts: a region's and England's are sums. */
export function unitCounts(boards: readonly BoardUnit[], regionIds: ReadonlyMap<string, number>, unit: ReleaseUnit): UnitCounts | null {
  if (unit.level === "ENGLAND") return sumCounts(boards.map((b) => b.counts));
  if (unit.level === "REGION") {
    const id = regionIds.get(unit.code);
    return id === undefined ? null : sumCounts(boards.filter((b) => b.regionId === id).map((b) => b.counts));
  }
  return boards.find((b) => b.code === unit.code)?.counts ?? null;
}

export interface ReleaseInput {
  name: string;
  publishedOn: string;
  source?: string | null;
  periods: readonly PeriodInput[];
  levels?: readonly ReleaseLevel[] | null;
}

/** Every problem of a release's input, and its periods when they are all good. */
export function releaseProblems(input: ReleaseInput): { problems: Problem[]; periods: Period[] } {
  const problems: Problem[] = [];
  const name = input.name.trim();
  if (name === "")
    problems.push({
      path: ["name"],
      code: "REQUIRED",
      message: "name is empty; give the release's title, e.g. \"Joint chief inspectors' report, July 2008\"",
    });
  if (name.length > RELEASE_NAME_MAX)
    problems.push({ path: ["name"], code: "OUT_OF_RANGE", message: `name is ${name.length} characters; at most ${RELEASE_NAME_MAX} are allowed` });
  if (input.periods.length === 0)
    problems.push({ path: ["periods"], code: "REQUIRED", message: "periods is empty; give at least one period whose figures the release publishes" });
  if (input.periods.length > RELEASE_PERIODS_MAX)
    problems.push({
      path: ["periods"],
      code: "OUT_OF_RANGE",
      message: `${input.periods.length} periods given; a release freezes at most ${RELEASE_PERIODS_MAX}`,
    });
  const periods: Period[] = [];
  const seen = new Set<string>();
  input.periods.forEach((p, i) => {
    try {
      const period = resolvePeriod(p);
      if (seen.has(periodKey(period)))
        problems.push({ path: ["periods", i], code: "ALREADY_EXISTS", message: `periods[${i}] (${period.from} to ${period.to}) is given twice` });
      seen.add(periodKey(period));
      periods.push(period);
    } catch (error) {
      if (!(error instanceof PeriodError)) throw error;
      problems.push({ path: ["periods", i, error.field], code: "INVALID_FORMAT", message: `periods[${i}].${error.field}: ${error.message}` });
    }
  });
  if (input.levels && input.levels.length === 0)
    problems.push({
      path: ["levels"],
      code: "REQUIRED",
      message: "levels is empty; leave it out for England, regions and boards, or name at least one",
    });
  return { problems, periods };
}

export interface ReleaseRow {
  id: number;
  name: string;
  publishedOn: string;
  source: string | null;
  seed: boolean;
  createdAt: Date;
  createdBy: string;
}

/**
 * Freezes a release: every figure of the chosen levels' units over each period, computed as `Stats` computes
 * them (countBoards, the metrics, coverage), written with the release and an audit event in one transaction.
 */
export async function createRelease(
  db: Db,
  kind: DatabaseKind,
  actor: Actor,
  input: ReleaseInput,
): Promise<{ ok: true; release: ReleaseRow } | { ok: false; problems: Problem[] }> {
  const { problems, periods } = releaseProblems(input);
  const name = input.name.trim();
  if (problems.length > 0) return { ok: false, problems };

  const levels = new Set(input.levels ?? RELEASE_LEVELS);
  const [coverage, regions] = await Promise.all([
    readCoverage(db),
    db.region.findMany({ select: { id: true, code: true }, orderBy: { code: "asc" } }),
  ]);
  const regionIds = new Map(regions.map((r) => [r.code, r.id]));
  const figures: ({ level: ReleaseLevel; unitCode: string; periodFrom: string; periodTo: string; metric: string } & FigureValue)[] = [];
  for (const period of periods) {
    const boards = await countBoards(db, kind, period);
    const units: ReleaseUnit[] = [
      ...(levels.has("ENGLAND") ? [{ level: "ENGLAND" as const, code: "" }] : []),
      ...(levels.has("REGION") ? regions.map((r) => ({ level: "REGION" as const, code: r.code })) : []),
      ...(levels.has("BOARD") ? [...boards].sort((a, b) => (a.code < b.code ? -1 : 1)).map((b) => ({ level: "BOARD" as const, code: b.code })) : []),
    ];
    for (const unit of units) {
      for (const [metric, f] of figuresOf(unitCounts(boards, regionIds, unit)!, period, coverage)) {
        figures.push({ level: unit.level, unitCode: unit.code, periodFrom: period.from, periodTo: period.to, metric, ...f });
      }
    }
  }
  const taken = () => ({
    ok: false as const,
    problems: [
      {
        path: ["name"],
        code: "ALREADY_EXISTS" as const,
        message: `a release named "${name}" exists already; releases are never replaced, so give this one its own name`,
      },
    ],
  });
  if (await db.release.findUnique({ where: { name } })) return taken();
  let release: ReleaseRow;
  try {
    release = await db.$transaction(
      async (tx) => {
        const created = await tx.release.create({
          data: { name, publishedOn: input.publishedOn, source: input.source ?? null, createdBy: actor.actor },
        });
        for (let i = 0; i < figures.length; i += BATCH) {
          await tx.releaseFigure.createMany({
            data: figures.slice(i, i + BATCH).map((f) => ({ ...f, value: storedValue(f.value), releaseId: created.id })),
          });
        }
        await recordAudit(tx, actor, {
          action: "release.create",
          entity: "Release",
          entityId: String(created.id),
          via: "createRelease",
          after: { name, publishedOn: input.publishedOn, periods, levels: [...levels], figures: figures.length },
        });
        return created;
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    // Two stewards freezing the same name at once: the unique name lets one through.
    if ((error as { code?: string }).code === "P2002") return taken();
    throw error;
  }
  return { ok: true, release };
}
