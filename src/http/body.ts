// Step 2: the body, read as JSON up to LIMITS.bodyBytes. A body that is too large (413) or not JSON (400) gets
// a GraphQL-shaped error, never an HTML page or a stack, recorded first if the key's role is audited.
import express from "express";
import { LIMITS } from "../limits";
import type { RequestAudit } from "./request-audit";
import { requestOf } from "./request-state";

/** Largest request body accepted, in bytes: a generous GraphQL document with variables. */
export const MAX_BODY_BYTES = LIMITS.bodyBytes;

export function readBody(): express.RequestHandler {
  return express.json({ limit: MAX_BODY_BYTES });
}

/** The error handler for bodies the JSON reader refused. */
export function bodyRefused(audit: RequestAudit): express.ErrorRequestHandler {
  return (error: { type?: string; status?: number }, req, res, next) => {
    if (res.headersSent) return next(error);
    const tooLarge = error.type === "entity.too.large";
    audit
      .refuse(req, res, tooLarge ? 413 : (error.status ?? 400), {
        errors: [
          {
            message: tooLarge ? `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes.` : "The request body is not valid JSON.",
            extensions: { code: "BAD_REQUEST", requestId: requestOf(res).id },
          },
        ],
      })
      .catch(next);
  };
}
