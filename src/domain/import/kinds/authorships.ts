// Authors' parts in reviews, matched by the review's reference, the author's reference and the role. Every
// column is part of the key, so a row creates an authorship, finds it unchanged, or withdraws it. Columns are
// the fields of AuthorshipInput (src/domain/records/authorship.ts).
import type { Prisma } from "../../../db";
import { type AuthorshipInput, RECORD_KINDS } from "../../records";
import { recordKind } from "../record-kind";

type AuthorshipData = Prisma.AuthorshipUncheckedCreateInput & Record<string, unknown>;
type StoredAuthorship = Prisma.AuthorshipGetPayload<{
  include: { review: { select: { reference: true } }; author: { select: { reference: true } } };
}>;

const inputOf = (s: StoredAuthorship): AuthorshipInput => ({
  reviewReference: s.review.reference,
  authorReference: s.author.reference,
  role: s.role,
});

export const authorships = recordKind<"authorship", StoredAuthorship, AuthorshipData>({
  name: "authorships",
  singular: "authorship",
  record: "authorship",
  columns: ["reviewReference", "authorReference", "role"],
  required: ["reviewReference", "authorReference", "role"],
  cellTypes: {},
  keyColumns: ["reviewReference", "authorReference", "role"],
  async load(db, keys, values) {
    const reviews = [...new Set(values.map((v) => v.reviewReference).filter((r): r is string => typeof r === "string"))];
    const rows = await db.authorship.findMany({
      where: { review: { reference: { in: reviews } } },
      include: { review: { select: { reference: true } }, author: { select: { reference: true } } },
    });
    const wanted = new Set(keys);
    return new Map(rows.map((r) => [RECORD_KINDS.authorship.key(inputOf(r)), r] as const).filter(([key]) => wanted.has(key)));
  },
  inputOf,
  dataOf: (input, known): AuthorshipData => ({
    reviewId: known.reviews.get(input.reviewReference)!.id,
    authorId: known.authors.get(input.authorReference)!.id,
    role: input.role as AuthorshipData["role"],
  }),
  table: "Authorship",
  tableColumns: ["reviewId", "authorId", "role"],
  uniqueColumns: ["reviewId", "authorId", "role"],
});
