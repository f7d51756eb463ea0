// Step 3: the document, before the key is looked up, so a refused document costs no SQL for the query (the key
// is read afterwards only to record an audited role's refusal): batching, the persisted-query extension, the
// document's size, tokens, depth, aliases, directives and fragment cycles, characters no database holds, and
// the nesting of input values. 413 for a document over documentBytes, else 400.
import type express from "express";
import { GraphQLError } from "graphql";
import type { Logger } from "../logger";
import { checkDocumentText, checkPersistedQuery } from "./input";
import { batchingRefused, checkDocumentShape, checkDocumentSize, checkInputNesting, parseWithinLimits } from "./query-limits";
import { errorBody } from "./errors";
import type { RequestAudit } from "./request-audit";
import { requestOf } from "./request-state";

/** Throws the first limit the request's document breaks. */
export function checkDocument(req: express.Request): void {
  if (Array.isArray(req.body)) throw batchingRefused();
  const post = req.method === "POST";
  const body = post ? (req.body as { query?: unknown; extensions?: unknown; variables?: unknown } | undefined) : req.query;
  const query = body?.query;
  checkPersistedQuery(body?.extensions, query, !post);
  if (typeof query !== "string") return;
  checkDocumentSize(query);
  const document = parseWithinLimits(query);
  if (!document) return checkDocumentText(query);
  checkDocumentShape(document);
  checkInputNesting(document, body?.variables);
}

export function documentChecks(audit: RequestAudit, logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const requestId = requestOf(res).id;
    try {
      checkDocument(req);
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      logger.info("request refused before authentication", { requestId, code: error.extensions.code, limit: error.extensions.limit });
      const bytes = (error.extensions.limit as { name?: string } | undefined)?.name === "documentBytes";
      return void audit.refuse(req, res, bytes ? 413 : 400, errorBody(error, requestId)).catch(next);
    }
    next();
  };
}
