// A board (LSCB): natural key its GSS code.
import type { Known, References } from "./lookup";
import { named } from "./references";
import { type Problem, Problems } from "./problems";

export interface BoardInput {
  /** GSS code of the authority the board serves (E06000005). */
  code: string;
  /** DfE three-digit local authority number. */
  dfeCode: string;
  name: string;
  /** ONS code of the region (E12000001 … E12000009). */
  regionCode: string;
  inForceFrom: string;
  inForceTo?: string | null;
}

export const GSS_CODE = /^E\d{8}$/;
export const REGION_CODE = /^E12\d{6}$/;

export const boardKey = (input: Pick<BoardInput, "code">) => input.code;

export const boardReferences = (input: BoardInput): References => ({ regions: [input.regionCode] });

export function validateBoard(input: BoardInput, known: Known): Problem[] {
  const p = new Problems();
  p.code(["code"], input.code, { required: true, pattern: GSS_CODE, what: "GSS code", example: "E06000005" });
  p.code(["dfeCode"], input.dfeCode, { required: true, pattern: /^\d{3}$/, what: "DfE local authority number", example: "841" });
  p.text(["name"], input.name, { required: true, max: 200, what: "The board's name" });
  const region = p.code(["regionCode"], input.regionCode, { required: true, pattern: REGION_CODE, what: "region code", example: "E12000001" });
  named(p, ["regionCode"], region, known.regions, "region");
  const from = p.date(["inForceFrom"], input.inForceFrom, { required: true });
  const to = p.date(["inForceTo"], input.inForceTo, { required: false });
  p.order({ path: ["inForceFrom"], value: from }, { path: ["inForceTo"], value: to }, "a board stops being in force after it starts.");
  return p.list;
}
