// Step 10, around Apollo: every request of a role whose requests are audited (src/domain/roles.ts: a research
// partner's) leaves a row in the audit log before its answer leaves, whatever became of it: answered, failed,
// stopped by its time limit, refused before execution, refused by Apollo's own HTTP checks (CSRF, a malformed
// request), or refused by the server before the key was read (body, batching, the document's limits); for
// those last the key is looked up only to learn whether its role is audited. The row is written through the
// server's own client, never the request's time-limited one, which may already be spent. No row, no answer:
// when it cannot be written, the client gets 503 and nothing else.
//
// This is why /graphql is served by `graphqlHandler` below rather than @as-integrations/express5: the same few
// lines that hand the request to Apollo, plus a record before the response is written, which a plugin cannot
// do for the requests Apollo refuses before its request pipeline starts. What Apollo saw (the document, the
// operation, the outcome) is kept on the request's state (request-state.ts).
import type express from "express";
import { type ApolloServer, type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import type { Database } from "../db";
import { actorOfViewer, auditedDocument, auditedVariables, operationHash, recordPartnerRequest } from "../domain/audit";
import type { KeyCache } from "../domain/key-cache";
import type { Viewer } from "../domain/keys";
import { capabilitiesOf } from "../domain/roles";
import type { Logger } from "../logger";
import { LIMITS } from "../limits";
import { applyCaching, cachingOf } from "./http-caching";
import { noteErrors, requestOf, type RequestState, type ServerContext } from "./request-state";

export const UNRECORDED_MESSAGE = "The request could not be recorded in the audit log, so it is not answered; try again later.";

/** A key that could not be looked up (the database failed): it may be a partner's. */
const UNCHECKED = Symbol("unchecked key");

type ErrorList = readonly { extensions?: Record<string, unknown> }[] | undefined;

/** Notes the errors of a body Apollo answered without running its plugins (its own HTTP checks). */
function noteErrorsOfBody(state: RequestState, text: string): void {
  try {
    noteErrors(state, (JSON.parse(text) as { errors?: ErrorList }).errors);
  } catch {
    state.seen.outcome = "INTERNAL";
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** What the request itself carries, read without Apollo: the document (a batch's whole body), name and variables. */
function sent(req: express.Request): { text: string | null; operationName: string | null; variables: Record<string, unknown> | null } {
  const body: unknown = req.body;
  if (Array.isArray(body)) return { text: JSON.stringify(body), operationName: null, variables: null };
  const fields: Record<string, unknown> = req.method === "POST" ? (isObject(body) ? body : {}) : (req.query as Record<string, unknown>);
  let variables = fields.variables;
  if (typeof variables === "string") {
    try {
      variables = JSON.parse(variables) as unknown;
    } catch {
      variables = null;
    }
  }
  return {
    text: typeof fields.query === "string" ? fields.query : null,
    operationName: typeof fields.operationName === "string" ? fields.operationName : null,
    variables: isObject(variables) ? variables : null,
  };
}

export interface RequestAudit {
  /** Gathers the document, operation and outcome of each request Apollo runs, on the request's state. */
  plugin: ApolloServerPlugin<ServerContext>;
  /** Serves /graphql through Apollo, recording an audited request before its response is written. */
  graphqlHandler(
    apollo: ApolloServer<ServerContext>,
    context: (args: { req: express.Request; res: express.Response }) => Promise<ServerContext>,
  ): express.RequestHandler;
  /**
   * Sends a refusal made outside Apollo (body, batching, document limits, too many requests), recorded first if
   * the key's role is audited; the key is looked up when no step has read it yet.
   */
  refuse(req: express.Request, res: express.Response, status: number, body: unknown): Promise<void>;
  /**
   * For a handler that runs Apollo itself (the CSV answer, one execution per page): records the execution just
   * run, when the key's role is audited; false when it could not be recorded, so nothing more may be sent.
   */
  recordExecuted(req: express.Request, res: express.Response, status: number): Promise<boolean>;
  /** Answers 503: the request could not be recorded. */
  sendUnrecorded(res: express.Response): void;
}

export function createRequestAudit(database: Database, keys: KeyCache, logger: Logger): RequestAudit {
  /** The key's viewer: the one a step read, or, for a request refused before that, the key looked up now. */
  async function viewerOf(req: express.Request, res: express.Response): Promise<Viewer | null | typeof UNCHECKED> {
    const state = requestOf(res);
    if (state.viewer !== undefined) return state.viewer;
    const requestId = state.id;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (!match) return null;
    try {
      return await keys.authenticate(match[1]!);
    } catch (error) {
      logger.error("could not look up the key of a refused request", { requestId, message: error instanceof Error ? error.message : String(error) });
      return UNCHECKED;
    }
  }

  /** Writes the row; false when it could not be written (logged). */
  async function record(
    viewer: Viewer,
    requestId: string,
    request: { text: string | null; operationName: string | null; variables: Record<string, unknown> | null; outcome: string; status: number },
  ): Promise<boolean> {
    try {
      await recordPartnerRequest(database.db, actorOfViewer(viewer, requestId), {
        operationHash: request.text === null ? null : operationHash(request.text),
        operationName: request.operationName,
        outcome: request.outcome,
        status: request.status,
        variables: auditedVariables(request.variables, LIMITS.inputDepth),
        document: auditedDocument(request.text, { maxBytes: LIMITS.documentBytes, maxTokens: LIMITS.tokens }),
      });
      return true;
    } catch (error) {
      logger.error("could not record a partner request in the audit log", {
        requestId,
        message: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  /**
   * Records the request when its role is audited (`request` is read only then); false when the answer must not
   * be sent (the row could not be written, or the key could not be checked).
   */
  async function recorded(
    viewer: Viewer | null | typeof UNCHECKED,
    requestId: string,
    request: () => Parameters<typeof record>[2],
  ): Promise<boolean> {
    if (viewer === UNCHECKED) return false;
    if (!viewer || !capabilitiesOf(viewer.role).audited) return true;
    return record(viewer, requestId, request());
  }

  /** Records a request Apollo ran (what it saw is on the request's state), when its role is audited. */
  async function recordExecuted(req: express.Request, res: express.Response, status: number): Promise<boolean> {
    const state = requestOf(res);
    const { seen } = state;
    return recorded(await viewerOf(req, res), state.id, () => {
      const asSent = sent(req);
      return {
        text: seen.source ?? asSent.text,
        operationName: seen.operationName !== undefined ? seen.operationName : asSent.operationName,
        variables: seen.variables !== undefined ? seen.variables : asSent.variables,
        outcome: seen.outcome ?? "ok",
        status,
      };
    });
  }

  function sendUnrecorded(res: express.Response, requestId: string): void {
    requestOf(res).seen.outcome = "SERVICE_UNAVAILABLE";
    res.status(503).json({ errors: [{ message: UNRECORDED_MESSAGE, extensions: { code: "SERVICE_UNAVAILABLE", requestId } }] });
  }

  return {
    plugin: {
      async requestDidStart({ contextValue }) {
        const seen = contextValue.request.seen;
        return {
          async didResolveSource({ source }) {
            seen.source = source;
          },
          async willSendResponse({ response, request, operationName }) {
            seen.operationName = operationName ?? request.operationName ?? null;
            seen.variables = request.variables ?? null;
            const body = response.body;
            noteErrors(contextValue.request, body.kind === "single" ? body.singleResult.errors : body.initialResult.errors);
          },
        };
      },
    },

    graphqlHandler(apollo, context) {
      return async (req, res, next) => {
        const state = requestOf(res);
        try {
          const headers = new HeaderMap();
          for (const [key, value] of Object.entries(req.headers)) {
            if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
          }
          const response = await apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: new URL(req.url, "http://localhost").search, body: req.body },
            context: () => context({ req, res }),
          });
          if (state.seen.outcome === undefined) {
            if (response.body.kind === "complete") noteErrorsOfBody(state, response.body.string);
            else state.seen.outcome = "ok";
          }
          // A GET of a persisted operation: its cache headers, and 304 when the client holds the same answer.
          const caching = response.body.kind === "complete" ? cachingOf(req, state, response.status ?? 200, response.body.string) : null;
          const status = caching?.notModified ? 304 : (response.status ?? 200);
          if (!(await recordExecuted(req, res, status))) return sendUnrecorded(res, state.id);
          for (const [key, value] of response.headers) res.setHeader(key, value);
          res.statusCode = status;
          // No cache keeps an answer unless http-caching.ts says otherwise (Apollo's cache-control plugin, which
          // would say the same, is off: server.ts).
          res.setHeader("Cache-Control", "no-store");
          if (caching) applyCaching(res, caching);
          if (status === 304) return void res.end();
          if (response.body.kind === "complete") {
            res.send(response.body.string);
            return;
          }
          for await (const chunk of response.body.asyncIterator) res.write(chunk);
          res.end();
        } catch (error) {
          next(error);
        }
      };
    },

    recordExecuted,
    sendUnrecorded: (res) => sendUnrecorded(res, requestOf(res).id),

    async refuse(req, res, status, body) {
      const state = requestOf(res);
      const id = state.id;
      const errors = isObject(body) && Array.isArray(body.errors) ? (body.errors as ErrorList) : undefined;
      noteErrors(state, errors);
      const ok = await recorded(await viewerOf(req, res), id, () => ({ ...sent(req), outcome: state.seen.outcome ?? "ok", status }));
      if (!ok) return sendUnrecorded(res, id);
      res.status(status).json(body);
    },
  };
}
