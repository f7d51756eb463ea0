// A board (LSCB): natural key its GSS code.
import type { DatedRecord, Known, References } from "./lookup";
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

/** The board's own code too: an update must keep its incidents and reviews within its in-force dates. */
export const boardReferences = (input: BoardInput): References => ({ regions: [input.regionCode], boardSpans: [input.code] });

/** `boardId`: the board being updated (absent for a new one, which has no records yet). */
export function validateBoard(input: BoardInput, known: Known, boardId?: number): Problem[] {
  const p = new Problems();
  p.code(["code"], input.code, { required: true, pattern: GSS_CODE, what: "GSS code", example: "E06000005" });
  p.code(["dfeCode"], input.dfeCode, { required: true, pattern: /^\d{3}$/, what: "DfE local authority number", example: "841" });
  p.text(["name"], input.name, { required: true, max: 200, what: "The board's name" });
  const region = p.code(["regionCode"], input.regionCode, { required: true, pattern: REGION_CODE, what: "region code", example: "E12000001" });
  named(p, ["regionCode"], region, known.regions, "region");
  const from = p.date(["inForceFrom"], input.inForceFrom, { required: true });
  const to = p.date(["inForceTo"], input.inForceTo, { required: false });
  p.order({ path: ["inForceFrom"], value: from }, { path: ["inForceTo"], value: to }, "a board stops being in force after it starts.");
  // An update must keep the board's own incidents (by notification) and reviews (by decision) in force.
  const span = boardId === undefined ? undefined : known.boardSpans.get(input.code);
  if (span && from !== undefined) {
    outside(p, ["inForceFrom"], input.code, "incident", span.firstIncident, (d) => d < from, `before inForceFrom ${from}`);
    outside(p, ["inForceFrom"], input.code, "review", span.firstReview, (d) => d < from, `before inForceFrom ${from}`);
  }
  if (span && to) {
    outside(p, ["inForceTo"], input.code, "incident", span.lastIncident, (d) => d > to, `after inForceTo ${to}`);
    outside(p, ["inForceTo"], input.code, "review", span.lastReview, (d) => d > to, `after inForceTo ${to}`);
  }
  return p.list;
}

/** An OUT_OF_RANGE problem naming `record` when its date falls outside the board's new in-force dates. */
function outside(
  p: Problems,
  path: string[],
  code: string,
  kind: "incident" | "review",
  record: DatedRecord | null,
  falls: (date: string) => boolean,
  where: string,
): void {
  if (!record || !falls(record.date)) return;
  const dated = kind === "incident" ? "notified on" : "decided on";
  p.add(
    path,
    "OUT_OF_RANGE",
    `The board ${code} has the ${kind} ${record.reference} ${dated} ${record.date}, ${where}: a board must be in force on the dates of its incidents and reviews; move or withdraw them first.`,
  );
}
