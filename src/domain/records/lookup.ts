// What validation needs from the database, behind one small interface: the records an input names, by natural
// key, fetched for many inputs at once (one statement per kind), so the bulk import can validate a whole file
// with a handful of statements and overlay the records created earlier in the same file.
import type { Db } from "../../db";

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

/** The natural keys an input names, by kind. */
export interface References {
  regions?: string[];
  boards?: string[];
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
}

/** Finds records by natural key, many at a time. Withdrawn records are returned, flagged, so a validator can say so. */
export interface RecordLookup {
  regions(codes: readonly string[]): Promise<Map<string, RegionFacts>>;
  boards(codes: readonly string[]): Promise<Map<string, BoardFacts>>;
  reviews(references: readonly string[]): Promise<Map<string, ReviewFacts>>;
  incidents(references: readonly string[]): Promise<Map<string, IncidentFacts>>;
  authors(references: readonly string[]): Promise<Map<string, AuthorFacts>>;
}

/** Everything the inputs name, with one lookup per kind. */
export async function resolveReferences(lookup: RecordLookup, references: readonly References[]): Promise<Known> {
  const all = (kind: keyof References) => [...new Set(references.flatMap((r) => r[kind] ?? []).filter((v) => typeof v === "string" && v !== ""))];
  const [regions, boards, reviews, incidents, authors] = await Promise.all([
    lookup.regions(all("regions")),
    lookup.boards(all("boards")),
    lookup.reviews(all("reviews")),
    lookup.incidents(all("incidents")),
    lookup.authors(all("authors")),
  ]);
  return { regions, boards, reviews, incidents, authors };
}

/** Anything that reads the database: the client or a transaction. */
export type LookupReader = Pick<Db, "region" | "board" | "review" | "evaluation" | "incident" | "author">;

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
  };
}
