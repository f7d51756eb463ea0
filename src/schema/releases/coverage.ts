// `coverage` and `recordCoverage`: the dates for which each source's records are complete.
import { builder } from "../builder";
import { actorOfViewer } from "../../domain/audit";
import { COVERAGE_SOURCES, recordCoverage, type SourceCoverageRow } from "../../domain/coverage";
import { type UserErrorShape, ValidationFailed } from "../access/types";
import { CoverageSource, problemError, SourceCoverage } from "./types";

builder.queryFields((t) => ({
  coverage: t.field({
    type: [SourceCoverage],
    authScopes: { caseDetail: true },
    description:
      "The stated coverage of each source that has one, in the order of CoverageSource. A source with none stated is not judged: its figures keep the status their arithmetic gives.",
    resolve: async (_root, _args, ctx) => {
      const rows = (await ctx.db.sourceCoverage.findMany()) as SourceCoverageRow[];
      return rows.sort((a, b) => COVERAGE_SOURCES.indexOf(a.source) - COVERAGE_SOURCES.indexOf(b.source));
    },
  }),
}));

const RecordCoverageInput = builder.inputType("RecordCoverageInput", {
  description: "The dates for which one source's records are complete. Replaces what was stated before for that source.",
  fields: (t) => ({
    source: t.field({ type: CoverageSource, required: true, description: "The source." }),
    completeFrom: t.field({ type: "Date", required: true, description: "The first day for which its records are complete." }),
    completeTo: t.field({ type: "Date", required: true, description: "The last day for which they are complete; not before `completeFrom`." }),
    note: t.string({ description: "Where the records came from, or why they stop (up to 500 characters)." }),
  }),
});

const RecordCoverageError = builder.unionType("RecordCoverageError", {
  description: "Why coverage could not be recorded.",
  types: [ValidationFailed],
  resolveType: () => ValidationFailed,
});

interface RecordCoveragePayloadShape {
  coverage: SourceCoverageRow | null;
  errors: UserErrorShape[];
}

const RecordCoveragePayload = builder.objectRef<RecordCoveragePayloadShape>("RecordCoveragePayload").implement({
  description: "The coverage recorded; or why not (then nothing changed).",
  fields: (t) => ({
    coverage: t.field({
      type: SourceCoverage,
      nullable: true,
      description: "The source's coverage as now stated; null when nothing was recorded.",
      resolve: (p) => p.coverage,
    }),
    errors: t.field({
      type: [RecordCoverageError],
      description: "Every problem with the input; empty when it was recorded.",
      resolve: (p) => p.errors,
    }),
  }),
});

builder.mutationFields((t) => ({
  recordCoverage: t.field({
    type: RecordCoveragePayload,
    authScopes: { steward: true },
    description:
      "States the dates for which a source's records are complete, replacing the earlier statement (kept in the audit log). Every figure reading that source then takes its status from it. STEWARD or ADMIN.",
    args: { input: t.arg({ type: RecordCoverageInput, required: true, description: "The source and its dates." }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await recordCoverage(ctx.db, actorOfViewer(ctx.viewer!, ctx.requestId), input);
      if (!result.ok) return { coverage: null, errors: result.problems.map(problemError) };
      return { coverage: result.row, errors: [] };
    },
  }),
}));
