// A steward's writes: create, update (guarded by the version read) and withdraw, each in one transaction with
// its validation (against the transaction's own view of the database), its history event and, for a create
// with an idempotency key, the stored answer. Expected failures are results, not exceptions.
import type { Db } from "../../db";
import type { Actor } from "../audit";
import { findReplay, requestHash, storeAnswer } from "../idempotency";
import { changedFields, recordChange } from "./history";
import { RECORD_KINDS, type RecordInputs, type RecordKindName } from "./index";
import { databaseLookup, resolveReferences } from "./lookup";
import { type Problem, Problems } from "./problems";
import { STORES, type Tx } from "./stores";

export type WriteResult =
  | { ok: true; id: number; version: number; replayed?: boolean }
  | { ok: false; kind: "problems"; problems: Problem[] }
  | { ok: false; kind: "conflict"; currentVersion: number; yourVersion: number }
  | { ok: false; kind: "notFound"; message: string }
  | { ok: false; kind: "reused"; key: string; message: string };

export interface WriteContext {
  actor: Actor;
  /** The mutation's name ("createIncident"), or "import". */
  via: string;
  importBatchId?: number | null;
}

/** Rolls a transaction back with a result (thrown, caught by `inTransaction`). */
class Rollback {
  constructor(readonly result: WriteResult) {}
}

async function inTransaction(db: Db, work: (tx: Tx) => Promise<WriteResult>): Promise<WriteResult> {
  try {
    return await db.$transaction((tx) => work(tx as unknown as Tx), { timeout: 20_000, maxWait: 10_000 });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

async function validateIn<K extends RecordKindName>(tx: Tx, kind: K, input: RecordInputs[K], existingId?: number) {
  const def = RECORD_KINDS[kind];
  const known = await resolveReferences(databaseLookup(tx), [def.references(input as never)]);
  return { known, problems: def.validate(input as never, known, existingId) };
}

const notFound = (kind: RecordKindName, key: string): WriteResult => ({
  ok: false,
  kind: "notFound",
  message: `No current ${kind} has the key ${key}.`,
});

export interface Idempotency {
  key: string;
  actorKeyId: number;
}

/** Creates a record; with an idempotency key, a retry returns the first answer and creates nothing. */
export async function createRecord<K extends RecordKindName>(
  db: Db,
  kind: K,
  input: RecordInputs[K],
  context: WriteContext,
  idempotency?: Idempotency,
): Promise<WriteResult> {
  const request = idempotency ? { ...idempotency, mutation: context.via, hash: requestHash(context.via, input) } : null;
  const replay = async (tx: Tx | Db): Promise<WriteResult | null> => {
    if (!request) return null;
    const found = await findReplay(tx, request);
    if (found.kind === "reused")
      return {
        ok: false,
        kind: "reused",
        key: request.key,
        message: `The idempotency key "${request.key}" was used before by this API key with a different request (${found.mutation}); use a new key for a new request.`,
      };
    if (found.kind === "replay") return { ok: true, id: found.answer.id, version: 0, replayed: true };
    return null;
  };
  const store = STORES[kind];
  const def = RECORD_KINDS[kind];
  try {
    return await inTransaction(db, async (tx) => {
      const earlier = await replay(tx);
      if (earlier) return earlier;
      const { known, problems } = await validateIn(tx, kind, input);
      const existing = problems.length === 0 ? await store.find(tx, input as never) : null;
      // A key a withdrawal freed (evaluations, findings: unique among current records) may be used again.
      if (existing && (existing.withdrawnAt === null || !store.keyFreedByWithdrawal))
        problems.push({
          path: [store.keyPath],
          code: "ALREADY_EXISTS",
          message:
            existing.withdrawnAt === null
              ? `A ${kind} with the key ${def.key(input as never)} exists already; correct it with an update instead.`
              : `The ${kind} ${def.key(input as never)} was withdrawn, and its key cannot be used again for a new ${kind}.`,
        });
      if (problems.length > 0) {
        // A concurrent retry with the same key may have committed meanwhile (its record is what clashed).
        return (await replay(tx)) ?? { ok: false, kind: "problems", problems };
      }
      const id = await store.create(tx, input as never, known);
      await recordChange(tx, context.actor, {
        action: "record.create",
        model: def.model,
        id,
        after: { ...input },
        via: context.via,
        importBatchId: context.importBatchId,
      });
      if (request) await storeAnswer(tx, request, { model: def.model, id });
      return { ok: true, id, version: 1 };
    });
  } catch (error) {
    // A concurrent request created the same key or record first: its answer, or a clash of natural keys.
    if (!isUniqueViolation(error)) throw error;
    const earlier = await replay(db);
    if (earlier) return earlier;
    return {
      ok: false,
      kind: "problems",
      problems: [{ path: [store.keyPath], code: "ALREADY_EXISTS", message: `A ${kind} with the key ${def.key(input as never)} exists already.` }],
    };
  }
}

/**
 * Applies `patch` (absent fields unchanged, null clears) to the current record named by `key`, if its version
 * is still `version`. The merged record is validated as a whole.
 */
export async function updateRecord<K extends RecordKindName>(
  db: Db,
  kind: K,
  key: RecordInputs[K],
  version: number,
  patch: Partial<RecordInputs[K]>,
  context: WriteContext,
): Promise<WriteResult> {
  const store = STORES[kind];
  const def = RECORD_KINDS[kind];
  return inTransaction(db, async (tx) => {
    const current = await store.find(tx, key as never);
    if (!current || current.withdrawnAt !== null) return notFound(kind, def.key(key as never));
    if (current.version !== version) return { ok: false, kind: "conflict", currentVersion: current.version, yourVersion: version };
    const merged = { ...current.input } as Record<string, unknown>;
    for (const [field, value] of Object.entries(patch)) if (value !== undefined) merged[field] = value;
    const { known, problems } = await validateIn(tx, kind, merged as unknown as RecordInputs[K], current.id);
    if (problems.length > 0) return { ok: false, kind: "problems", problems };
    const diff = changedFields(current.input as unknown as Record<string, unknown>, merged);
    if (!diff.changed) return { ok: true, id: current.id, version: current.version };
    const count = await store.update(tx, current.id, version, merged as never, known);
    if (count === 0) {
      // Changed between our read and our write (a concurrent update): nothing written.
      const now = await store.find(tx, key as never);
      throw new Rollback({ ok: false, kind: "conflict", currentVersion: now?.version ?? version, yourVersion: version });
    }
    await recordChange(tx, context.actor, {
      action: "record.update",
      model: def.model,
      id: current.id,
      before: diff.before,
      after: diff.after,
      via: context.via,
      importBatchId: context.importBatchId,
    });
    return { ok: true, id: current.id, version: version + 1 };
  });
}

export const WITHDRAWAL_REASON_MAX = 1000;

/** Withdraws the current record named by `key`, if its version is still `version` and nothing current depends on it. */
export async function withdrawRecord<K extends RecordKindName>(
  db: Db,
  kind: K,
  key: RecordInputs[K],
  version: number,
  reason: string,
  context: WriteContext,
): Promise<WriteResult> {
  const store = STORES[kind];
  const def = RECORD_KINDS[kind];
  const check = new Problems();
  const why = check.text(["reason"], reason, { required: true, max: WITHDRAWAL_REASON_MAX, what: "The reason for withdrawing" });
  if (why === undefined) return { ok: false, kind: "problems", problems: check.list };
  return inTransaction(db, async (tx) => {
    const current = await store.find(tx, key as never);
    if (!current || current.withdrawnAt !== null) return notFound(kind, def.key(key as never));
    if (current.version !== version) return { ok: false, kind: "conflict", currentVersion: current.version, yourVersion: version };
    const dependents = await store.dependents(tx, current.id);
    if (dependents)
      return {
        ok: false,
        kind: "problems",
        problems: [
          {
            path: [store.keyPath],
            code: "IN_USE",
            message: `The ${kind} ${def.key(key as never)} still has ${dependents}; withdraw or move them first.`,
          },
        ],
      };
    const withdrawal = { withdrawnAt: new Date(), withdrawnReason: why, withdrawnBy: context.actor.actor };
    const count = await store.withdraw(tx, current.id, version, withdrawal);
    if (count === 0) {
      const now = await store.find(tx, key as never);
      throw new Rollback({ ok: false, kind: "conflict", currentVersion: now?.version ?? version, yourVersion: version });
    }
    await recordChange(tx, context.actor, {
      action: "record.withdraw",
      model: def.model,
      id: current.id,
      after: { ...withdrawal, withdrawnAt: withdrawal.withdrawnAt.toISOString() },
      via: context.via,
      importBatchId: context.importBatchId,
    });
    return { ok: true, id: current.id, version: version + 1 };
  });
}
