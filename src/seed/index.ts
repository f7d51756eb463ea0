// The synthetic seed dataset (docs/seed.md): deterministic, calibrated to the published anchors A1-A9.
//   generateDataset(): the rows, as plain objects (no database)
//   insertDataset(db, dataset): replaces the domain data with them
//   seedDatabase(db): both
//   scaleDataset(dataset, n): n copies of the case records, for growth benchmarks (scale.ts)
import type { Db } from "../db";
import type { SeedSummary } from "./dataset";
import { generateDataset } from "./generate";
import { insertDataset } from "./insert";
import { scaleDataset } from "./scale";

export type { Dataset, SeedSummary } from "./dataset";
export { generateDataset } from "./generate";
export { insertDataset } from "./insert";
export { MAX_SCALE, scaleDataset } from "./scale";

export interface SeedOptions {
  /** Receives one line per step (timings and row counts). */
  log?: (line: string) => void;
  /** N copies of the case records (scale.ts); 1, the default, is the calibrated dataset itself. */
  scale?: number;
}

/** Deletes all domain data (not API keys or the audit log) and inserts the synthetic dataset. */
export async function seedDatabase(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const log = options.log ?? (() => undefined);
  let started = Date.now();
  const dataset = scaleDataset(generateDataset(), options.scale ?? 1);
  log(`seed: generated in ${Date.now() - started} ms`);
  started = Date.now();
  const summary = await insertDataset(db, dataset, log);
  log(`seed: inserted in ${Date.now() - started} ms`);
  return summary;
}
