// A CSV of synthetic incidents for the import's bench and kill test: `count` rows, references IMP-000001 …,
// spread over the boards given (each must be in force through 2007 and 2008), notified in 2007-08. Written as a
// stream, so a file of any size costs no memory.
import fs from "node:fs";
import { once } from "node:events";

export const INCIDENT_COLUMNS = [
  "reference",
  "boardCode",
  "occurredOn",
  "notifiedOn",
  "nature",
  "abuseOrNeglectSuspected",
  "childAgeBand",
  "decision",
  "decisionOn",
];

const NATURES = ["DEATH", "SERIOUS_HARM", "NOT_KNOWN"];
const BANDS = ["UNDER_1", "AGE_1_TO_4", "AGE_5_TO_9", "AGE_10_TO_15", "AGE_16_TO_17"];

const day = (offset: number) => new Date(Date.UTC(2007, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

/** The i-th synthetic incident's CSV line (0-based). */
export function incidentLine(i: number, boards: readonly string[], prefix = "IMP"): string {
  const occurred = i % 600;
  const decided = i % 3 === 0;
  return [
    `${prefix}-${String(i + 1).padStart(6, "0")}`,
    boards[i % boards.length],
    day(occurred),
    day(occurred + 2),
    NATURES[i % NATURES.length],
    i % 2 === 0 ? "true" : "false",
    BANDS[i % BANDS.length],
    decided ? "NO_REVIEW" : "",
    decided ? day(occurred + 20) : "",
  ].join(",");
}

export async function writeIncidentFile(file: string, count: number, boards: readonly string[], prefix = "IMP"): Promise<void> {
  const out = fs.createWriteStream(file);
  if (!out.write(INCIDENT_COLUMNS.join(",") + "\n")) await once(out, "drain");
  for (let i = 0; i < count; i++) {
    if (!out.write(incidentLine(i, boards, prefix) + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
