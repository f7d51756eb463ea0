// The workload's own check, run by the bench before it measures anything and by
// test/api/bench-baselines.test.ts on both databases: every query answers without errors, and every
// baseline's JSON is the API's `data`.
import { firstDifference } from "./compare";
import type { SqlClient } from "./sql-client";
import { BASELINES, WORKLOAD, type WorkloadInput, type WorkloadQuery } from "./workload";

export type Send = (query: WorkloadQuery, input: WorkloadInput) => Promise<{ data?: unknown; errors?: unknown[] }>;

export interface CheckResult {
  id: string;
  /** Why the API and the baseline disagree (an error, or the first difference), or null when they agree. */
  problem: string | null;
}

export async function checkWorkload(send: Send, sql: SqlClient, input: WorkloadInput): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const query of WORKLOAD) {
    const api = await send(query, input);
    if (api.errors) {
      results.push({ id: query.id, problem: `the API answered with errors: ${JSON.stringify(api.errors).slice(0, 300)}` });
      continue;
    }
    try {
      const baseline = await BASELINES[query.id](sql, input);
      const difference = firstDifference(api.data, baseline);
      results.push({ id: query.id, problem: difference && `the baseline differs from the API at ${difference}` });
    } catch (error) {
      results.push({ id: query.id, problem: `the baseline failed: ${(error as Error).message}` });
    }
  }
  return results;
}
