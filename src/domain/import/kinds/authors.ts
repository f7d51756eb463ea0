// Authors (panel chairs and overview writers), matched by their pseudonymous reference. Columns are the fields
// of AuthorInput (src/domain/records/author.ts); the display name is sensitive and never logged.
import type { Prisma } from "../../../db";
import type { AuthorInput } from "../../records";
import { recordKind } from "../record-kind";

type AuthorData = Prisma.AuthorUncheckedCreateInput & Record<string, unknown>;

export const authors = recordKind({
  name: "authors",
  singular: "author",
  record: "author",
  columns: ["reference", "displayName", "background", "independent"],
  required: ["reference", "displayName", "background", "independent"],
  cellTypes: { independent: "boolean" },
  keyColumns: ["reference"],
  async load(db, keys) {
    const rows = await db.author.findMany({ where: { reference: { in: [...keys] } } });
    return new Map(rows.map((r) => [r.reference, r]));
  },
  inputOf: (s): AuthorInput => ({ reference: s.reference, displayName: s.displayName, background: s.background, independent: s.independent }),
  dataOf: (input): AuthorData => ({
    reference: input.reference,
    displayName: input.displayName,
    background: input.background as AuthorData["background"],
    independent: input.independent,
  }),
  table: "Author",
  tableColumns: ["reference", "displayName", "background", "independent"],
  uniqueColumns: ["reference"],
});
