// What validation needs from the database, behind one small interface: the records an input names, by natural
// key, fetched for many inputs at once (one statement per kind), so the bulk import can validate a whole file
// with a handful of statements and overlay the records created earlier in the same file.
import type { Db } from "../../db";
import { CURRENT } from "../withdrawal";

export interface RegionFacts {
  id: number;
  code: string;
}

export interface BoardFacts {
  id: number;
  code: string;
  inForceFrom: string;
  inForceTo: string | null;
  withdrawn: boolean;
}

export interface ReviewFacts {
  id: number;
  reference: string;
  leadBoardCode: string;
  initiatedOn: string;
  completedOn: string | null;
  withdrawn: boolean;
  /** The review's evaluation (not withdrawn), if it has one: the review's completion must stay on or before its receipt. */
  evaluation: { id: number; receivedOn: string } | null;
}

export interface IncidentFacts {
  id: number;
  reference: string;
  withdrawn: boolean;
}

export interface AuthorFacts {
  id: number;
  reference: string;
  withdrawn: boolean;
}

/** A dated record of a board: an incident (by its notification date) or a review it leads (by its decision date). */
export interface DatedRecord {
  reference: string;
  date: string;
}

/**
 * The earliest and latest current incidents and reviews of a board: the dates its in-force period must keep
 * covering (an incident is counted by its notification, a review by its decision). Null where it has none.
 */
export interface BoardSpan {
  firstIncident: DatedRecord | null;
  lastIncident: DatedRecord | null;
  firstReview: DatedRecord | null;
  lastReview: DatedRecord | null;
}

/** The natural keys an input names, by kind. */
export interface References {
  regions?: string[];
  boards?: string[];
  /** Boards whose own incidents' and reviews' dates are needed (a board's update). */
  boardSpans?: string[];
  reviews?: string[];
  incidents?: string[];
  authors?: string[];
}

/** The records found for a set of references (absent: no such record). */
export interface Known {
  regions: Map<string, RegionFacts>;
  boards: Map<string, BoardFacts>;
  reviews: Map<string, ReviewFacts>;
  incidents: Map<string, IncidentFacts>;
  authors: Map<string, AuthorFacts>;
  /** By board code; a board with no current incidents or reviews is absent. */
  boardSpans: Map<string, BoardSpan>;
}

/** Finds records by natural key, many at a time. Withdrawn records are returned, flagged, so a validator can say so. */
export interface RecordLookup {
  regions(codes: readonly string[]): Promise<Map<string, RegionFacts>>;
  boards(codes: readonly string[]): Promise<Map<string, BoardFacts>>;
  reviews(references: readonly string[]): Promise<Map<string, ReviewFacts>>;
  incidents(references: readonly string[]): Promise<Map<string, IncidentFacts>>;
  authors(references: readonly string[]): Promise<Map<string, AuthorFacts>>;
  /** The spans of boards' own records; a lookup without them (in memory) knows of none. */
  boardSpans?(codes: readonly string[]): Promise<Map<string, BoardSpan>>;
}

/** Everything the inputs name, with one lookup per kind. */
export async function resolveReferences(lookup: RecordLookup, references: readonly References[]): Promise<Known> {
  const all = (kind: keyof References) => [...new Set(references.flatMap((r) => r[kind] ?? []).filter((v) => typeof v === "string" && v !== ""))];
  const spans = all("boardSpans");
  const [regions, boards, reviews, incidents, authors, boardSpans] = await Promise.all([
    lookup.regions(all("regions")),
    lookup.boards(all("boards")),
    lookup.reviews(all("reviews")),
    lookup.incidents(all("incidents")),
    lookup.authors(all("authors")),
    spans.length > 0 && lookup.boardSpans ? lookup.boardSpans(spans) : Promise.resolve(new Map<string, BoardSpan>()),
  ]);
  return { regions, boards, reviews, incidents, authors, boardSpans };
}

/** Anything that reads the database: the client or a transaction. */
export type LookupReader = Pick<Db, "region" | "board" | "review" | "evaluation" | "incident" | "author">;

/** The earliest and latest of dated records (ties: the first reference), as first<Kind> and last<Kind>. */
function extremes<K extends "Incident" | "Review">(records: DatedRecord[], kind: K) {
  let first: DatedRecord | null = null;
  let last: DatedRecord | null = null;
  for (const r of records) {
    if (first === null || r.date < first.date) first = r;
    if (last === null || r.date > last.date) last = r;
  }
  return { [`first${kind}`]: first, [`last${kind}`]: last } as Record<`first${K}` | `last${K}`, DatedRecord | null>;
}

const byKey = <T, K extends keyof T>(rows: T[], key: K) => new Map(rows.map((r) => [r[key] as unknown as string, r]));

/** The lookup over the database (or a transaction, so a write validates against what it will change). */
export function databaseLookup(db: LookupReader): RecordLookup {
  return {
    async regions(codes) {
      if (codes.length === 0) return new Map();
      return byKey(await db.region.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true } }), "code");
    },
    async boards(codes) {
      if (codes.length === 0) return new Map();
      const rows = await db.board.findMany({
        where: { code: { in: [...codes] } },
        select: { id: true, code: true, inForceFrom: true, inForceTo: true, withdrawnAt: true },
      });
      return byKey(
        rows.map(({ withdrawnAt, ...b }) => ({ ...b, withdrawn: withdrawnAt !== null })),
        "code",
      );
    },
    async reviews(references) {
      if (references.length === 0) return new Map();
      const rows = await db.review.findMany({
        where: { reference: { in: [...references] } },
        select: {
          id: true,
          reference: true,
          initiatedOn: true,
          completedOn: true,
          withdrawnAt: true,
          leadBoard: { select: { code: true } },
        },
      });
      // The current evaluations, read on their own: a review may also have withdrawn ones (the unique index is on
      // current evaluations only), and a one-to-one relation read would take any of them.
      const evaluations =
        rows.length === 0
          ? []
          : await db.evaluation.findMany({
              where: { reviewId: { in: rows.map((r) => r.id) }, withdrawnAt: null },
              select: { id: true, reviewId: true, receivedOn: true },
            });
      const evaluationOf = new Map(evaluations.map((e) => [e.reviewId, { id: e.id, receivedOn: e.receivedOn }]));
      return byKey(
        rows.map((r) => ({
          id: r.id,
          reference: r.reference,
          leadBoardCode: r.leadBoard.code,
          initiatedOn: r.initiatedOn,
          completedOn: r.completedOn,
          withdrawn: r.withdrawnAt !== null,
          evaluation: evaluationOf.get(r.id) ?? null,
        })),
        "reference",
      );
    },
    async incidents(references) {
      if (references.length === 0) return new Map();
      const rows = await db.incident.findMany({
        where: { reference: { in: [...references] } },
        select: { id: true, reference: true, withdrawnAt: true },
      });
      return byKey(
        rows.map(({ withdrawnAt, ...i }) => ({ ...i, withdrawn: withdrawnAt !== null })),
        "reference",
      );
    },
    async authors(references) {
      if (references.length === 0) return new Map();
      const rows = await db.author.findMany({
        where: { reference: { in: [...references] } },
        select: { id: true, reference: true, withdrawnAt: true },
      });
      return byKey(
        rows.map(({ withdrawnAt, ...a }) => ({ ...a, withdrawn: withdrawnAt !== null })),
        "reference",
      );
    },
    async boardSpans(codes) {
      if (codes.length === 0) return new Map();
      const boards = await db.board.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true } });
      if (boards.length === 0) return new Map();
      const ids = boards.map((b) => b.id);
      // The earliest and latest dates per board (one grouped statement per kind), then the records on those dates.
      const [incidentRange, reviewRange] = await Promise.all([
        db.incident.groupBy({ by: ["boardId"], where: { boardId: { in: ids }, ...CURRENT }, _min: { notifiedOn: true }, _max: { notifiedOn: true } }),
        db.review.groupBy({
          by: ["leadBoardId"],
          where: { leadBoardId: { in: ids }, ...CURRENT },
          _min: { initiatedOn: true },
          _max: { initiatedOn: true },
        }),
      ]);
      const [incidents, reviews] = await Promise.all([
        incidentRange.length === 0
          ? []
          : db.incident.findMany({
              where: {
                ...CURRENT,
                OR: incidentRange.map((r) => ({ boardId: r.boardId, notifiedOn: { in: [r._min.notifiedOn!, r._max.notifiedOn!] } })),
              },
              select: { boardId: true, reference: true, notifiedOn: true },
              orderBy: { reference: "asc" },
            }),
        reviewRange.length === 0
          ? []
          : db.review.findMany({
              where: {
                ...CURRENT,
                OR: reviewRange.map((r) => ({ leadBoardId: r.leadBoardId, initiatedOn: { in: [r._min.initiatedOn!, r._max.initiatedOn!] } })),
              },
              select: { leadBoardId: true, reference: true, initiatedOn: true },
              orderBy: { reference: "asc" },
            }),
      ]);
      const spans = new Map<string, BoardSpan>();
      for (const board of boards) {
        const own = incidents.filter((i) => i.boardId === board.id).map((i) => ({ reference: i.reference, date: i.notifiedOn }));
        const led = reviews.filter((r) => r.leadBoardId === board.id).map((r) => ({ reference: r.reference, date: r.initiatedOn }));
        if (own.length + led.length > 0) spans.set(board.code, { ...extremes(own, "Incident"), ...extremes(led, "Review") });
      }
      return spans;
    },
  };
}
