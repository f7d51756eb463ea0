// The history entries an import writes: one per record created, updated or withdrawn, in the append-only audit
// log, in the same transaction as the change, naming the batch as "how" (via "import", importBatchId). Written
// with one multi-row insert per chunk.
import type { Tx, WriteContext } from "./kind";

export type ChangeKind = "create" | "update" | "withdraw";

export interface HistoryEntry {
  action: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
  actor: string;
  actorKeyId: number | null;
  actorRole: string | null;
  requestId: string | null;
  via: string;
  importBatchId: number;
}

export function historyEntry(context: WriteContext, change: ChangeKind, entity: string, id: number, before: unknown, after: unknown): HistoryEntry {
  return {
    action: `record.${change}`,
    entity,
    entityId: String(id),
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    actor: context.actor,
    actorKeyId: context.actorKeyId,
    actorRole: context.actorRole,
    requestId: context.requestId,
    via: "import",
    importBatchId: context.batchId,
  };
}

export async function recordHistory(tx: Tx, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({ data: entries as never });
}
