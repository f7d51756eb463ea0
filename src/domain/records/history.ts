// A record's history: every change (create, update, withdraw) is an event of the append-only audit log, written
// in the same transaction as the change, with who (the key's label and role), when, how (the mutation, the
// import batch or the seed) and the fields before and after, in the input's terms (board codes, not ids).
import type { Db } from "../../db";
import type { Role } from "../../generated/sqlite/enums";
import { type Actor, type AuditWriter, recordAudit } from "../audit";

export type ChangeAction = "record.create" | "record.update" | "record.withdraw";

export interface Change {
  action: ChangeAction;
  /** The Prisma model (the audit log's entity): "Incident". */
  model: string;
  id: number;
  /** For an update, only the fields that changed; absent for a creation. */
  before?: Record<string, unknown> | null;
  /** For a creation, every field; for an update, the changed fields; for a withdrawal, when, why and by whom. */
  after?: Record<string, unknown> | null;
  /** The mutation's name ("updateIncident"), "import" or "seed". */
  via: string;
  importBatchId?: number | null;
}

export async function recordChange(db: AuditWriter, actor: Actor, change: Change): Promise<void> {
  await recordAudit(db, actor, {
    action: change.action,
    entity: change.model,
    entityId: String(change.id),
    before: change.before ?? undefined,
    after: change.after ?? undefined,
    via: change.via,
    importBatchId: change.importBatchId ?? null,
  });
}

/** The audit rows of many changes, for one `auditEvent.createMany` (the bulk import's batches). */
export function changeRows(actor: Actor, changes: readonly Change[]) {
  return changes.map((c) => ({
    actor: actor.actor,
    actorKeyId: actor.actorKeyId,
    actorRole: actor.role ?? null,
    requestId: actor.requestId ?? null,
    action: c.action,
    entity: c.model,
    entityId: String(c.id),
    before: c.before ? JSON.stringify(c.before) : null,
    after: c.after ? JSON.stringify(c.after) : null,
    via: c.via,
    importBatchId: c.importBatchId ?? null,
  }));
}

/** The fields whose values differ between two versions of a record's input, as { before, after }. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      was[key] = before[key] ?? null;
      is[key] = after[key] ?? null;
    }
  }
  return { before: was, after: is, changed: Object.keys(is).length > 0 };
}

export interface HistoryEntry {
  id: number;
  at: Date;
  action: ChangeAction;
  actor: string;
  actorRole: Role | null;
  via: string | null;
  importBatchId: number | null;
  requestId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

const RECORD_ACTIONS: ChangeAction[] = ["record.create", "record.update", "record.withdraw"];

const entry = (r: {
  id: number;
  at: Date;
  action: string;
  actor: string;
  actorRole: Role | null;
  via: string | null;
  importBatchId: number | null;
  requestId: string | null;
  before: string | null;
  after: string | null;
}): HistoryEntry => ({
  id: r.id,
  at: r.at,
  action: r.action as ChangeAction,
  actor: r.actor,
  actorRole: r.actorRole,
  via: r.via,
  importBatchId: r.importBatchId,
  requestId: r.requestId,
  before: parse(r.before),
  after: parse(r.after),
});

/**
 * The changes of many records of one model, newest first, in one statement: `result[i]` is the history of
 * `ids[i]`. A record's history starts at its newest creation: the audit log is never cleared, so when the seed
 * replaces the data, events of an earlier record that had the same id stay in the log but are not this record's.
 */
export async function historiesOf(db: Pick<Db, "auditEvent">, model: string, ids: readonly number[]): Promise<HistoryEntry[][]> {
  if (ids.length === 0) return [];
  const rows = await db.auditEvent.findMany({
    where: { entity: model, entityId: { in: [...new Set(ids)].map(String) }, action: { in: RECORD_ACTIONS } },
    orderBy: { id: "desc" },
  });
  const byId = new Map<string, { list: HistoryEntry[]; created: boolean }>();
  for (const r of rows) {
    const id = r.entityId!;
    let found = byId.get(id);
    if (!found) byId.set(id, (found = { list: [], created: false }));
    if (found.created) continue;
    found.list.push(entry(r));
    if (r.action === "record.create") found.created = true;
  }
  return ids.map((id) => byId.get(String(id))?.list ?? []);
}
