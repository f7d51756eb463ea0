// Child populations, matched by their board's code and the mid-year's year (one estimate per board and year).
// Columns are the fields of PopulationInput (src/domain/records/population.ts).
import type { Prisma } from "../../../db";
import { type PopulationInput, RECORD_KINDS } from "../../records";
import { recordKind } from "../record-kind";

type PopulationData = Prisma.ChildPopulationUncheckedCreateInput & Record<string, unknown>;
type StoredPopulation = Prisma.ChildPopulationGetPayload<{ include: { board: { select: { code: true } } } }>;

const inputOf = (s: StoredPopulation): PopulationInput => ({
  boardCode: s.board.code,
  year: s.year,
  children: s.children,
  approximate: s.approximate,
  source: s.source,
});

export const populations = recordKind<"population", StoredPopulation, PopulationData>({
  name: "populations",
  singular: "population estimate",
  record: "population",
  columns: ["boardCode", "year", "children", "approximate", "source"],
  required: ["boardCode", "year", "children", "approximate", "source"],
  cellTypes: { year: "integer", children: "integer", approximate: "boolean" },
  keyColumns: ["boardCode", "year"],
  async load(db, keys, values) {
    const boards = [...new Set(values.map((v) => v.boardCode).filter((b): b is string => typeof b === "string"))];
    const years = [...new Set(values.map((v) => v.year).filter((y): y is number => typeof y === "number"))];
    const rows = await db.childPopulation.findMany({
      where: { board: { code: { in: boards } }, year: { in: years } },
      include: { board: { select: { code: true } } },
    });
    const wanted = new Set(keys);
    return new Map(rows.map((r) => [RECORD_KINDS.population.key(inputOf(r)), r] as const).filter(([key]) => wanted.has(key)));
  },
  inputOf,
  dataOf: (input, known): PopulationData => ({
    boardId: known.boards.get(input.boardCode)!.id,
    year: input.year,
    children: input.children,
    approximate: input.approximate,
    source: input.source,
  }),
  table: "ChildPopulation",
  tableColumns: ["boardId", "year", "children", "approximate", "source"],
  uniqueColumns: ["boardId", "year"],
});
