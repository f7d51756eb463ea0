// The machine a run was measured on, written beside its figures: ratios from one run compare; absolute
// figures only mean something with this beside them (and the load average: these machines are shared).
import os from "node:os";
import type { SqlClient } from "./sql-client";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  database: string;
  /** 1-minute load average when the run started and ended: above the core count, other work competed. */
  loadAverage: { start: number; end?: number };
}

export async function describeMachine(sql: SqlClient): Promise<Machine> {
  const [row] =
    sql.dialect === "postgresql"
      ? await sql.all<{ v: string }>("SELECT version() AS v")
      : await sql.all<{ v: string }>("SELECT 'SQLite ' || sqlite_version() AS v");
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    database: String(row?.v ?? "unknown").split(" on ")[0]!,
    loadAverage: { start: Math.round(os.loadavg()[0]! * 10) / 10 },
  };
}
