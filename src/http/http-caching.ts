// HTTP caching of persisted operations read by GET (`GET /graphql?extensions={"persistedQuery":…}&variables=…`):
// the URL names the operation and its variables, so a browser, or a cache or CDN in front, can keep the answer
// and ask again with If-None-Match, which is answered 304 with no body when the answer is unchanged. Only a
// query can be sent by GET (Apollo answers a mutation by GET with 405), and only an answer with no errors is
// given these headers; every other answer says `Cache-Control: no-store` (request-audit.ts).
//
// What may keep an answer depends on the key's role (src/domain/roles.ts), since the same URL answers each role
// differently (the schema it may see, suppression) and the key itself is not in the URL:
//
//   sees free text (ADMIN, STEWARD, ANALYST)   `private, no-store`: case-level answers may hold free text and
//                                               details of children; no cache keeps them, not even the browser's
//                                               on disk. The ETag still lets a client that keeps its own copy
//                                               in memory ask again and get 304.
//   audited (PARTNER)                           `public, no-cache` and `Vary: Authorization`: a shared cache may
//                                               keep the answer (`public` is needed because the request carries
//                                               Authorization), apart for each key, but must ask the server
//                                               every time, so every answer is still recorded in the audit log
//                                               and a revoked key is refused at once; an unchanged answer costs
//                                               a 304 instead of the body.
//
// No role gets a max-age: a shared cache answering on its own would skip the key check and the audit. The ETag
// is the SHA-256 of the answer's bytes, so it changes exactly when the figures do (a release published, data
// imported), and a matching If-None-Match gets 304, recorded as such in the audit log and the request's log
// line (Express's own ETags are off: server.ts).
import { createHash } from "node:crypto";
import type express from "express";
import type { Viewer } from "../domain/keys";
import { capabilitiesOf } from "../domain/roles";
import { persistedRequestOf } from "./persisted-request";
import type { RequestState } from "./request-state";

/** The Cache-Control of a successful GET of a persisted operation, by what the key's role may see. */
export function cacheControlFor(viewer: Viewer): string {
  const role = capabilitiesOf(viewer.role);
  if (role.freeText || role.caseLevelRecords) return "private, no-store";
  return "public, no-cache";
}

export interface Caching {
  headers: { "Cache-Control": string; ETag: string };
  /** The request's If-None-Match names this ETag: the answer is 304 with no body. */
  notModified: boolean;
}

/** The caching of a successful GET of a persisted operation; null for any other answer (no-store). */
export function cachingOf(req: express.Request, state: RequestState, status: number, body: string): Caching | null {
  const { viewer } = state;
  if (req.method !== "GET" || status !== 200 || !viewer || state.seen.outcome !== "ok") return null;
  if (persistedRequestOf(req).hash === null) return null;
  const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
  return { headers: { "Cache-Control": cacheControlFor(viewer), ETag: etag }, notModified: ifNoneMatchNames(req.headers["if-none-match"], etag) };
}

/**
 * Whether If-None-Match holds `etag` (or is "*"), compared weakly as RFC 9110 asks for this header. Judged here
 * rather than by Express's `req.fresh`, which ignores validators when the request says `Cache-Control: no-cache`,
 * as fetch() adds to every request carrying If-None-Match: the origin still answers a conditional request.
 */
function ifNoneMatchNames(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === etag);
}

/** Sets a Caching's headers, and Vary: Authorization, on the response. */
export function applyCaching(res: express.Response, caching: Caching): void {
  for (const [name, value] of Object.entries(caching.headers)) res.setHeader(name, value);
  res.vary("Authorization");
}
