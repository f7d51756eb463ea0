// Step 3: the document, before the key is looked up, so a refused document costs no SQL for the query (the key
// is read afterwards only to record an audited role's refusal): batching, the persisted-query extension, the
// document's size, tokens, depth, aliases, directives and fragment cycles, characters no database holds, and
// the nesting of input values. 413 for a document over documentBytes, else 400.
import type express from "express";
import { GraphQLError } from "graphql";
import type { Logger } from "../logger";
import { checkDocumentText, checkPersistedQuery } from "./input";
import { LRUCache } from "lru-cache";
import { literalNesting } from "../schema/common/filter-shape";
import { batchingRefused, checkDocumentShape, checkDocumentSize, checkNesting, parseWithinLimits } from "./query-limits";
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
  const known = checkedDocuments.get(query);
  if (known !== undefined) return checkNesting(known, body?.variables);
  checkDocumentSize(query);
  const document = parseWithinLimits(query);
  if (!document) return checkDocumentText(query);
  checkDocumentShape(document);
  const literalDepth = literalNesting(document);
  checkNesting(literalDepth, body?.variables);
  checkedDocuments.set(query, literalDepth);
}

/**
 * Documents whose text passed the checks above, with the nesting of their literals: parsing and measuring
 * depend on the text alone, and a client mostly sends the same documents again. Bounded by their characters.
 */
const checkedDocuments = new LRUCache<string, number>({
  max: 1000,
  maxSize: 4_000_000,
  sizeCalculation: (_depth, query) => Math.max(1, query.length),
});

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
