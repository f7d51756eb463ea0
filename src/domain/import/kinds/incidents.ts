// Incidents and their decisions, matched by reference. Columns are the fields of IncidentInput (src/domain/records/incident.ts).
import type { IncidentInput } from "../../records";
import type { Prisma } from "../../../db";
import { recordKind } from "../record-kind";
import { incidentWarnings } from "../warnings";

type IncidentData = Prisma.IncidentUncheckedCreateInput & Record<string, unknown>;

export const incidents = recordKind({
  name: "incidents",
  singular: "incident",
  record: "incident",
  columns: [
    "reference",
    "boardCode",
    "occurredOn",
    "notifiedOn",
    "nature",
    "abuseOrNeglectSuspected",
    "childAgeBand",
    "decision",
    "decisionOn",
    "decisionRationale",
    "reviewReference",
  ],
  required: ["reference", "boardCode", "occurredOn", "notifiedOn", "nature", "abuseOrNeglectSuspected", "childAgeBand"],
  cellTypes: { abuseOrNeglectSuspected: "boolean" },
  keyColumns: ["reference"],
  async load(db, keys) {
    const rows = await db.incident.findMany({
      where: { reference: { in: [...keys] } },
      include: { board: { select: { code: true } }, review: { select: { reference: true } } },
    });
    return new Map(rows.map((r) => [r.reference, r]));
  },
  normalize: (input) => ({
    ...input,
    decision: input.decision ?? "PENDING",
    decisionOn: input.decisionOn ?? null,
    decisionRationale: input.decisionRationale ?? null,
    reviewReference: input.reviewReference ?? null,
  }),
  inputOf: (s): IncidentInput => ({
    reference: s.reference,
    boardCode: s.board.code,
    occurredOn: s.occurredOn,
    notifiedOn: s.notifiedOn,
    nature: s.nature,
    abuseOrNeglectSuspected: s.abuseOrNeglectSuspected,
    childAgeBand: s.childAgeBand,
    decision: s.decision,
    decisionOn: s.decisionOn,
    decisionRationale: s.decisionRationale,
    reviewReference: s.review?.reference ?? null,
  }),
  dataOf: (input, known): IncidentData => ({
    reference: input.reference,
    boardId: known.boards.get(input.boardCode)!.id,
    occurredOn: input.occurredOn,
    notifiedOn: input.notifiedOn,
    nature: input.nature as IncidentData["nature"],
    abuseOrNeglectSuspected: input.abuseOrNeglectSuspected,
    childAgeBand: input.childAgeBand as IncidentData["childAgeBand"],
    decision: (input.decision ?? "PENDING") as IncidentData["decision"],
    decisionOn: input.decisionOn ?? null,
    decisionRationale: input.decisionRationale ?? null,
    reviewId: input.reviewReference ? known.reviews.get(input.reviewReference)!.id : null,
  }),
  warn: incidentWarnings,
  table: "Incident",
  tableColumns: [
    "reference",
    "boardId",
    "occurredOn",
    "notifiedOn",
    "nature",
    "abuseOrNeglectSuspected",
    "childAgeBand",
    "decision",
    "decisionOn",
    "decisionRationale",
    "reviewId",
  ],
  uniqueColumns: ["reference"],
});
