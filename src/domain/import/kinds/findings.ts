// Findings, matched by their review's reference, source and category (a review has each category of a source
// once). Columns are the fields of FindingInput (src/domain/records/finding.ts).
import type { Prisma } from "../../../db";
import { type FindingInput, RECORD_KINDS } from "../../records";
import { recordKind } from "../record-kind";

type FindingData = Prisma.FindingUncheckedCreateInput & Record<string, unknown>;
type StoredFinding = Prisma.FindingGetPayload<{ include: { review: { select: { reference: true } } } }>;

const inputOf = (s: Pick<StoredFinding, "review" | "source" | "category" | "summary">): FindingInput => ({
  reviewReference: s.review.reference,
  source: s.source,
  category: s.category,
  summary: s.summary,
});

export const findings = recordKind<"finding", StoredFinding, FindingData>({
  name: "findings",
  singular: "finding",
  record: "finding",
  columns: ["reviewReference", "source", "category", "summary"],
  required: ["reviewReference", "source", "category", "summary"],
  cellTypes: {},
  keyColumns: ["reviewReference", "source", "category"],
  async load(db, _keys, values) {
    const reviews = [...new Set(values.map((v) => v.reviewReference).filter((r): r is string => typeof r === "string"))];
    const rows = await db.finding.findMany({
      // Current ones only: a withdrawn finding leaves its key free for a new one (a partial unique index).
      where: { review: { reference: { in: reviews } }, withdrawnAt: null },
      include: { review: { select: { reference: true } } },
    });
    return new Map(rows.map((r) => [RECORD_KINDS.finding.key(inputOf(r)), r]));
  },
  inputOf,
  dataOf: (input, known): FindingData => ({
    reviewId: known.reviews.get(input.reviewReference)!.id,
    source: input.source as FindingData["source"],
    category: input.category as FindingData["category"],
    summary: input.summary,
  }),
  table: "Finding",
  tableColumns: ["reviewId", "source", "category", "summary"],
  uniqueColumns: ["reviewId", "source", "category"],
});
