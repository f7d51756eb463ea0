// What a /graphql request carries about persisted queries, read from the body (POST) or the query string (GET)
// after document-checks.ts has checked the extension's shape. One reading for the steps that need it:
// registered-only.ts and http-caching.ts.
import type express from "express";

export interface PersistedRequest {
  /** The document's text, when it was sent. */
  query: string | null;
  /** extensions.persistedQuery.sha256Hash, when it was sent (well formed). */
  hash: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function persistedRequestOf(req: express.Request): PersistedRequest {
  const fields: Record<string, unknown> = req.method === "POST" ? (isObject(req.body) ? req.body : {}) : (req.query as Record<string, unknown>);
  let extensions = fields.extensions;
  if (typeof extensions === "string") {
    try {
      extensions = JSON.parse(extensions) as unknown;
    } catch {
      extensions = null;
    }
  }
  const persisted = isObject(extensions) ? extensions.persistedQuery : undefined;
  const hash =
    isObject(persisted) && typeof persisted.sha256Hash === "string" && /^[0-9a-f]{64}$/.test(persisted.sha256Hash) ? persisted.sha256Hash : null;
  return { query: typeof fields.query === "string" ? fields.query : null, hash };
}
