// `dataQuality`: what needs a steward's attention, each item with its reason and the record's global ID.
// Case-level (it names incidents and reviews): ANALYST, STEWARD and ADMIN; never in a partner's schema.
import { resolveArrayConnection } from "@pothos/plugin-relay";
import { builder } from "../builder";
import { checkPageArgs } from "../common/connections";
import { DATA_QUALITY_KINDS, type DataQualityItem, dataQuality, DECISION_DUE_MONTHS } from "../../domain/data-quality";
import { today } from "../../domain/rules";
import { withinTarget } from "../../domain/rules";
import { MAX_STORED_WARNINGS, WARNING_CODES } from "../../domain/import/warnings";

const KIND_WORDS: Record<(typeof DATA_QUALITY_KINDS)[number], string> = {
  INCIDENT_WITHOUT_DECISION: `An incident still PENDING more than ${DECISION_DUE_MONTHS} month after its notification.`,
  REVIEW_PAST_TARGET: `A review with no completion recorded after its target date (${withinTarget.words}).`,
  REVIEW_NOT_EVALUATED: "A completed review with no evaluation.",
  UNEXPLAINED_GAP: "A qualifying death that the board decided (not PENDING) with no serious case review and no recorded rationale.",
  BOARD_WITHOUT_POPULATION:
    "A board in force on 30 June of a year with no child population estimate for it (only years inside the populations' stated coverage, when there is one).",
  IMPORT_WITH_WARNINGS: `An import (not a dry run) that was written with warnings: rows accepted but worth a look (${WARNING_CODES.join(", ")}). Its recordId and importBatchId name the batch; the import's answer listed the warnings and the batch keeps the first ${MAX_STORED_WARNINGS}.`,
};

export const DataQualityKind = builder.enumType("DataQualityKind", {
  description: "Why a record needs a steward's attention.",
  values: Object.fromEntries(DATA_QUALITY_KINDS.map((k) => [k, { description: KIND_WORDS[k] }])) as Record<
    (typeof DATA_QUALITY_KINDS)[number],
    { description: string }
  >,
});

const DataQualityIssue = builder.objectRef<DataQualityItem>("DataQualityIssue").implement({
  description: "One record that needs a steward's attention, and why.",
  fields: (t) => ({
    kind: t.field({ type: DataQualityKind, description: "What kind of issue it is.", resolve: (i) => i.kind }),
    reason: t.exposeString("reason", { description: "The issue in words, with the dates it rests on." }),
    recordId: t.globalID({
      description:
        "The record's global ID (an Incident, a Review or a Board), for `node(id:)`; for IMPORT_WITH_WARNINGS, an ID naming the import batch (batches are not nodes: use importBatchId).",
      resolve: (i) => ({ type: i.model, id: String(i.id) }),
    }),
    reference: t.exposeString("reference", {
      description: "The record's natural key: an incident's or review's reference, a board's code; `batch <n>` for an import batch.",
    }),
    importBatchId: t.int({
      nullable: true,
      description: "The import batch, for IMPORT_WITH_WARNINGS (as a change's importBatchId in history); null for the other kinds.",
      resolve: (i) => (i.model === "ImportBatch" ? i.id : null),
    }),
    since: t.field({
      type: "Date",
      description: "The date the issue runs from (notified, target, completed, the mid-year without an estimate, or the day of the import).",
      resolve: (i) => i.since,
    }),
  }),
});

builder.queryFields((t) => ({
  dataQuality: t.connection(
    {
      type: DataQualityIssue,
      authScopes: { caseDetail: true },
      description:
        "What needs a steward's attention on a day: incidents with no decision a month after notification, reviews past target with no completion, completed reviews never evaluated, unexplained gaps, boards in force with no population estimate for a year, imports written with warnings. Kind by kind, each oldest first. ANALYST, STEWARD or ADMIN.",
      args: {
        asOf: t.arg({ type: "Date", description: "The day the records are judged on; today (UTC) when left out." }),
        kinds: t.arg({ type: [DataQualityKind], description: "Only these kinds; every kind when left out." }),
      },
      resolve: async (_root, args, ctx) => {
        checkPageArgs(args);
        const items = await dataQuality(ctx.db, args.asOf ?? today(), args.kinds ?? undefined);
        return resolveArrayConnection({ args }, items);
      },
    },
    { name: "DataQualityIssueConnection", description: "A page of data quality issues." },
    { name: "DataQualityIssueEdge", description: "A data quality issue in a page." },
  ),
}));
