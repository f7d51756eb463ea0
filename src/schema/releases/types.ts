// Coverage and releases: the sources stewards state the completeness of, and the releases they freeze.
import { builder } from "../builder";
import { COVERAGE_SOURCES, type CoverageSource as Source, SOURCE_WORDS, type SourceCoverageRow } from "../../domain/coverage";
import type { Problem } from "../../domain/records/problems";
import { type UserErrorShape, userError } from "../access/types";

export const CoverageSource = builder.enumType("CoverageSource", {
  description: "A source of records whose completeness stewards state (`coverage`, `recordCoverage`).",
  values: Object.fromEntries(COVERAGE_SOURCES.map((s) => [s, { description: `The ${SOURCE_WORDS[s]}.` }])) as Record<Source, { description: string }>,
});

export const SourceCoverage = builder.objectRef<SourceCoverageRow>("SourceCoverage").implement({
  description:
    "The dates for which one source's records are complete, as a steward stated them. A figure over a period outside them is NOT_AVAILABLE; one over a period that runs past either end is PROVISIONAL.",
  fields: (t) => ({
    source: t.field({ type: CoverageSource, description: "The source.", resolve: (c) => c.source }),
    completeFrom: t.field({
      type: "Date",
      description: "The first day for which the source's records are complete.",
      resolve: (c) => c.completeFrom,
    }),
    completeTo: t.field({ type: "Date", description: "The last day for which they are complete.", resolve: (c) => c.completeTo }),
    note: t.exposeString("note", { nullable: true, description: "What the steward said about it (e.g. where the records came from)." }),
    recordedAt: t.field({ type: "DateTime", description: "When it was stated.", resolve: (c) => c.recordedAt }),
    recordedBy: t.exposeString("recordedBy", { description: 'Who stated it: the key\'s label, or "seed".' }),
  }),
});

/**
 * A domain problem (records/problems.ts) as the typed error clients switch on. The steward's GraphQL `Problem`
 * type is to replace ValidationFailed here once it is merged; the domain already returns its Problem.
 */
export function problemError(problem: Problem): UserErrorShape {
  return userError("ValidationFailed", problem.message, ...problem.path.map(String));
}
