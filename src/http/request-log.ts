// One log line per /graphql request, written when its response ends (sent, refused at any step, or abandoned by
// the client), and the same facts counted in the metrics. The line holds what an operator needs to find and
// judge a request, and nothing a client sent as data:
//
//   requestId, method, status, durationMs       the request, as the client's error quotes it (extensions.requestId)
//   operationName, operationHash                 the name (when it is a GraphQL name) and the SHA-256 of the
//                                                document's text (or the persisted query's hash): the same
//                                                hash as the audit log's
//   role, keyPrefix                              who asked: the key's public prefix, also for a key refused with 401
//                                                when it is well formed; never the key
//   db { calls, ms }                             the database calls of the request's resolvers: a raw SQL statement
//                                                each (a compiled read, on the driver, is exactly one), or a
//                                                Prisma query (one statement or a few); the key look-up
//                                                is not among them
//   queuedMs                                     when it waited for a running slot (admission.ts), how long
//   errors, limits                               the response's error codes and the limits it was refused under
//   aborted                                      true when the client went away before the response ended
//
// Never the key, the variables, the document's text or any free text. A line is at info level; a response
// with a server error (5xx, INTERNAL) at warn. At debug, each database call is logged as well (model and
// operation, no arguments).
import { createHash } from "node:crypto";
import type express from "express";
import { KEY_FORMAT } from "../domain/keys";
import type { Logger } from "../logger";
import { outcomeOfResponse, type ServerMetrics } from "./metrics";
import { persistedRequestOf } from "./persisted-request";
import { beginRequest, type RequestState } from "./request-state";

/** A GraphQL name of at most 100 characters; anything else a client puts in operationName is not logged. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
const FIRST_OPERATION_NAME = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The operation's name and the hash of its document, from what Apollo saw or else from the request itself. */
function operationOf(req: express.Request, state: RequestState): { name: string | null; hash: string | null } {
  const fields: Record<string, unknown> = req.method === "POST" ? (isObject(req.body) ? req.body : {}) : (req.query as Record<string, unknown>);
  const rawName = state.seen.operationName !== undefined ? state.seen.operationName : fields.operationName;
  const text = state.seen.source ?? (typeof fields.query === "string" ? fields.query : null);
  // A document refused before Apollo named its operation: the name written in it, when there is one.
  const named = typeof rawName === "string" ? rawName : text !== null ? (FIRST_OPERATION_NAME.exec(text)?.[1] ?? null) : null;
  const name = named !== null && OPERATION_NAME.test(named) ? named : null;
  if (text !== null) return { name, hash: createHash("sha256").update(text).digest("hex") };
  return { name, hash: persistedRequestOf(req).hash };
}

/** The public prefix of the key a request presented: its viewer's, or the prefix of a well-formed key refused. */
function keyPrefixOf(req: express.Request, state: RequestState): string | null {
  if (state.viewer) return state.viewer.prefix;
  const key = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  return key ? (KEY_FORMAT.exec(key)?.[1] ?? null) : null;
}

/** Step 1 for /graphql: the request's state, and its log line and metrics once its response ends. */
export function requestLog(logger: Logger, metrics: ServerMetrics): express.RequestHandler {
  return (req, res, next) => {
    const state = beginRequest(res);
    res.once("close", () => {
      const durationMs = performance.now() - state.observed.startedAt;
      const { name, hash } = operationOf(req, state);
      const outcome = state.seen.outcome ?? "ok";
      const codes = outcome === "ok" ? [] : outcome.split(",");
      const status = res.statusCode;
      const { limits, databaseCalls, databaseMs, queuedMs } = state.observed;
      metrics.observeRequest({ operationName: name, codes, limits, status, durationMs });
      const fields = {
        requestId: state.id,
        method: req.method,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        operationName: name,
        operationHash: hash,
        role: state.viewer?.role ?? null,
        keyPrefix: keyPrefixOf(req, state),
        db: { calls: databaseCalls, ms: Math.round(databaseMs * 10) / 10 },
        ...(queuedMs >= 0.1 ? { queuedMs: Math.round(queuedMs * 10) / 10 } : {}),
        errors: codes,
        ...(limits.length > 0 ? { limits } : {}),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (outcomeOfResponse(status, codes) === "server_error") logger.warn("request", fields);
      else logger.info("request", fields);
    });
    next();
  };
}
