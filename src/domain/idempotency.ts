// Idempotency keys for creates: a client that retries a create with the same key gets the first answer back and
// nothing is created twice; the same key with a different input is refused. Keys are per calling API key. The
// stored answer is written in the same transaction as the record, so a key is stored exactly when its record is.
import { createHash } from "node:crypto";
import type { Db } from "../db";

export const IDEMPOTENCY_KEY_MAX = 200;

/** JSON with object keys sorted, so the same input hashes the same whatever the order of its fields. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the mutation's name and its input. */
export function requestHash(mutation: string, input: unknown): string {
  return createHash("sha256")
    .update(`${mutation}\n${canonical(input)}`)
    .digest("hex");
}

/** What a create answered: the model and id of the record it created. */
export interface StoredAnswer {
  model: string;
  id: number;
}

export type Replay = { kind: "none" } | { kind: "replay"; answer: StoredAnswer } | { kind: "reused"; mutation: string };

/** What an earlier request with this key answered, if there was one; "reused" when its input differed. */
export async function findReplay(
  db: Pick<Db, "idempotencyKey">,
  request: { key: string; actorKeyId: number; mutation: string; hash: string },
): Promise<Replay> {
  const row = await db.idempotencyKey.findUnique({ where: { actorKeyId_key: { actorKeyId: request.actorKeyId, key: request.key } } });
  if (!row) return { kind: "none" };
  if (row.mutation !== request.mutation || row.requestHash !== request.hash) return { kind: "reused", mutation: row.mutation };
  return { kind: "replay", answer: JSON.parse(row.response) as StoredAnswer };
}

export async function storeAnswer(
  db: Pick<Db, "idempotencyKey">,
  request: { key: string; actorKeyId: number; mutation: string; hash: string },
  answer: StoredAnswer,
): Promise<void> {
  await db.idempotencyKey.create({
    data: {
      key: request.key,
      actorKeyId: request.actorKeyId,
      mutation: request.mutation,
      requestHash: request.hash,
      response: JSON.stringify(answer),
    },
  });
}
