// The inspectorate's evaluations, matched by their review's reference (a review has one evaluation). Columns are
// the fields of EvaluationInput (src/domain/records/evaluation.ts).
import type { Prisma } from "../../../db";
import type { EvaluationInput } from "../../records";
import { recordKind } from "../record-kind";

type EvaluationData = Prisma.EvaluationUncheckedCreateInput & Record<string, unknown>;

export const evaluations = recordKind({
  name: "evaluations",
  singular: "evaluation",
  record: "evaluation",
  columns: ["reviewReference", "inspectorate", "receivedOn", "evaluatedOn", "grade"],
  required: ["reviewReference", "inspectorate", "receivedOn"],
  cellTypes: {},
  keyColumns: ["reviewReference"],
  async load(db, keys) {
    const rows = await db.evaluation.findMany({
      // Current ones only: a withdrawn evaluation leaves its review free for a new one (a partial unique index).
      where: { review: { reference: { in: [...keys] } }, withdrawnAt: null },
      include: { review: { select: { reference: true } } },
    });
    return new Map(rows.map((r) => [r.review.reference, r]));
  },
  normalize: (input) => ({ ...input, evaluatedOn: input.evaluatedOn ?? null, grade: input.grade ?? null }),
  inputOf: (s): EvaluationInput => ({
    reviewReference: s.review.reference,
    inspectorate: s.inspectorate,
    receivedOn: s.receivedOn,
    evaluatedOn: s.evaluatedOn,
    grade: s.grade,
  }),
  dataOf: (input, known): EvaluationData => ({
    reviewId: known.reviews.get(input.reviewReference)!.id,
    inspectorate: input.inspectorate as EvaluationData["inspectorate"],
    receivedOn: input.receivedOn,
    evaluatedOn: input.evaluatedOn ?? null,
    grade: (input.grade ?? null) as EvaluationData["grade"],
  }),
  table: "Evaluation",
  tableColumns: ["reviewId", "inspectorate", "receivedOn", "evaluatedOn", "grade"],
  uniqueColumns: ["reviewId"],
});
