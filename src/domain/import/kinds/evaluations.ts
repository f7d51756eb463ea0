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
  async createMany(tx, data) {
    const rows = await tx.evaluation.createManyAndReturn({ data, select: { id: true, review: { select: { reference: true } } } });
    return new Map(rows.map((r) => [r.review.reference, r.id]));
  },
  async update(tx, id, version, data) {
    return (await tx.evaluation.updateMany({ where: { id, version, withdrawnAt: null }, data: { ...data, version: { increment: 1 } } })).count;
  },
  async withdraw(tx, id, version, { at, reason, by }) {
    return (
      await tx.evaluation.updateMany({
        where: { id, version, withdrawnAt: null },
        data: { withdrawnAt: at, withdrawnReason: reason, withdrawnBy: by, version: { increment: 1 } },
      })
    ).count;
  },
});
