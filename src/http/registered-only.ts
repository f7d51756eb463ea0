// Step 4c: a key limited to registered operations (ApiKey.registeredOnly: what a partner's published dashboard
// is given) runs only the trusted documents (trusted-documents.ts). Its request must name one by hash, or send
// a registered document's exact text; anything else (an ad hoc document, a hash the manifest does not hold, an
// automatic-persisted-query registration) is refused with 403 before Apollo sees it, so nothing is parsed,
// registered or run. The refusal is recorded like any other (audited role: the audit log; every role: the
// request's log line and the metrics' FORBIDDEN count).
import { createHash } from "node:crypto";
import type express from "express";
import { GraphQLError } from "graphql";
import type { Logger } from "../logger";
import { errorBody } from "./errors";
import { persistedRequestOf } from "./persisted-request";
import type { RequestAudit } from "./request-audit";
import { requestOf } from "./request-state";
import type { TrustedDocuments } from "./trusted-documents";

export const REGISTERED_ONLY_MESSAGE =
  "This key runs registered operations only: send extensions.persistedQuery.sha256Hash of an operation in SCR Atlas's trusted-documents manifest (web/atlas/gql/persisted-documents.json), with no other document; the document or hash sent is not registered.";

export function registeredOnly(trusted: TrustedDocuments, audit: RequestAudit, logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const state = requestOf(res);
    if (!state.viewer?.registeredOnly) return next();
    const { query, hash } = persistedRequestOf(req);
    // A document sent is judged by its own text (document-checks.ts has checked that a hash sent with it matches).
    const asked = query !== null ? createHash("sha256").update(query).digest("hex") : hash;
    if (asked !== null && trusted.has(asked)) return next();
    logger.info("request refused: the key runs registered operations only", { requestId: state.id, keyPrefix: state.viewer.prefix });
    const error = new GraphQLError(REGISTERED_ONLY_MESSAGE, { extensions: { code: "FORBIDDEN" } });
    void audit.refuse(req, res, 403, errorBody(error, state.id)).catch(next);
  };
}
