// Authors' competencies, matched by the author's reference, the area and the date attained (an author may hold
// an area more than once, e.g. trained then accredited, each from its own date). Columns are the fields of
// CompetencyInput (src/domain/records/competency.ts).
import type { Prisma } from "../../../db";
import { type CompetencyInput, RECORD_KINDS } from "../../records";
import { recordKind } from "../record-kind";

type CompetencyData = Prisma.CompetencyUncheckedCreateInput & Record<string, unknown>;
type StoredCompetency = Prisma.CompetencyGetPayload<{ include: { author: { select: { reference: true } } } }>;

const inputOf = (s: StoredCompetency): CompetencyInput => ({
  authorReference: s.author.reference,
  area: s.area,
  level: s.level,
  years: s.years,
  attainedOn: s.attainedOn,
  expiresOn: s.expiresOn,
});

export const competencies = recordKind<"competency", StoredCompetency, CompetencyData>({
  name: "competencies",
  singular: "competency",
  record: "competency",
  columns: ["authorReference", "area", "level", "years", "attainedOn", "expiresOn"],
  required: ["authorReference", "area", "attainedOn"],
  cellTypes: { years: "integer" },
  keyColumns: ["authorReference", "area", "attainedOn"],
  async load(db, keys, values) {
    const authors = [...new Set(values.map((v) => v.authorReference).filter((a): a is string => typeof a === "string"))];
    const rows = await db.competency.findMany({
      where: { author: { reference: { in: authors } } },
      include: { author: { select: { reference: true } } },
    });
    const wanted = new Set(keys);
    return new Map(rows.map((r) => [RECORD_KINDS.competency.key(inputOf(r)), r] as const).filter(([key]) => wanted.has(key)));
  },
  normalize: (input) => ({ ...input, level: input.level ?? null, years: input.years ?? null, expiresOn: input.expiresOn ?? null }),
  inputOf,
  dataOf: (input, known): CompetencyData => ({
    authorId: known.authors.get(input.authorReference)!.id,
    area: input.area as CompetencyData["area"],
    level: (input.level ?? null) as CompetencyData["level"],
    years: input.years ?? null,
    attainedOn: input.attainedOn,
    expiresOn: input.expiresOn ?? null,
  }),
  table: "Competency",
  tableColumns: ["authorId", "area", "level", "years", "attainedOn", "expiresOn"],
  uniqueColumns: ["authorId", "area", "attainedOn"],
});
