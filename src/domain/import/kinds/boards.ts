// Boards (LSCBs), matched by their GSS code. Columns are the fields of BoardInput (src/domain/records/board.ts).
import type { Prisma } from "../../../db";
import type { BoardInput } from "../../records";
import { recordKind } from "../record-kind";

type BoardData = Prisma.BoardUncheckedCreateInput & Record<string, unknown>;

export const boards = recordKind({
  name: "boards",
  singular: "board",
  record: "board",
  columns: ["code", "dfeCode", "name", "regionCode", "inForceFrom", "inForceTo"],
  required: ["code", "dfeCode", "name", "regionCode", "inForceFrom"],
  cellTypes: {},
  keyColumns: ["code"],
  async load(db, keys) {
    const rows = await db.board.findMany({ where: { code: { in: [...keys] } }, include: { region: { select: { code: true } } } });
    return new Map(rows.map((r) => [r.code, r]));
  },
  normalize: (input) => ({ ...input, inForceTo: input.inForceTo ?? null }),
  inputOf: (s): BoardInput => ({
    code: s.code,
    dfeCode: s.dfeCode,
    name: s.name,
    regionCode: s.region.code,
    inForceFrom: s.inForceFrom,
    inForceTo: s.inForceTo,
  }),
  dataOf: (input, known): BoardData => ({
    code: input.code,
    dfeCode: input.dfeCode,
    name: input.name,
    regionId: known.regions.get(input.regionCode)!.id,
    inForceFrom: input.inForceFrom,
    inForceTo: input.inForceTo ?? null,
  }),
  // A DfE number belongs to one board (the table holds it unique): not another stored board's, nor twice in a chunk.
  async crossCheck(db, rows) {
    const numbers = rows.map((r) => r.input.dfeCode).filter((n): n is string => typeof n === "string");
    const holders = await db.board.findMany({ where: { dfeCode: { in: numbers } }, select: { id: true, code: true, dfeCode: true } });
    const held = new Map(holders.map((b) => [b.dfeCode, b]));
    const firstIn = new Map<string, string>();
    return rows.map(({ input, existingId }) => {
      const holder = held.get(input.dfeCode);
      const earlier = firstIn.get(input.dfeCode);
      if (typeof input.dfeCode === "string" && earlier === undefined) firstIn.set(input.dfeCode, input.code);
      const other = holder && holder.id !== existingId ? holder.code : earlier !== undefined && earlier !== input.code ? earlier : null;
      if (other === null) return [];
      return [
        { path: ["dfeCode"], code: "ALREADY_EXISTS", message: `The DfE number ${input.dfeCode} is the board ${other}'s; each board has its own.` },
      ];
    });
  },
  table: "Board",
  tableColumns: ["code", "dfeCode", "name", "regionId", "inForceFrom", "inForceTo"],
  uniqueColumns: ["code"],
});
