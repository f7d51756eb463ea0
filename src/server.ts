// The HTTP server: GraphQL at /graphql (POST and GET, per GraphQL over HTTP), health checks, start and stop.
//
// A request to /graphql passes, in order: the body limit; the limits on the document's shape (batching, size,
// tokens, depth, aliases, directives, fragment cycles), checked before the key is looked up, so a refused
// document costs no SQL at all; the key (401 for any bad key, alike); Apollo's CSRF check, parse and
// validation; the page sizes, a partner's periods and the cost against the role's budget, on the whole
// operation before any resolver runs; execution, where every statement checks the request's time limit; and,
// for a research partner, a record in the audit log before the response leaves (no record, no response).
import http from "node:http";
import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Database } from "./db";
import { type Context, createContext } from "./context";
import { authenticate } from "./domain/keys";
import { actorOfViewer, recordPartnerRequest } from "./domain/audit";
import { schema } from "./schema";
import { checkPaging } from "./schema/paging";
import { checkPartnerPeriods } from "./schema/access/periods";
import {
  batchingRefused,
  checkCost,
  checkDocumentShape,
  checkDocumentSize,
  checkInputNesting,
  checkListItems,
  checkRelationFilters,
  costOf,
  LIMITS,
  parseWithinLimits,
} from "./schema/limits";
import { type Logger, createLogger } from "./logger";
import { KeyConcurrency } from "./concurrency";

/** Largest request body accepted, in bytes: a generous GraphQL document with variables. */
export const MAX_BODY_BYTES = LIMITS.bodyBytes;

/** Error codes whose messages are written for clients; any other error is masked as INTERNAL. */
const CLIENT_CODES = new Set([
  "QUERY_LIMIT_EXCEEDED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "SERVICE_UNAVAILABLE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/** PostgreSQL's code for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = "57014";

function isStatementTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; originalCode?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 6; depth++) {
    if (e.code === QUERY_CANCELED || e.originalCode === QUERY_CANCELED) return true;
    if (typeof e.message === "string" && /canceling statement due to statement timeout/.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Keeps client-facing errors, masks everything else; never a stack trace, SQL or Prisma code. */
export function formatError(formatted: GraphQLFormattedError, error?: unknown, statementTimeoutMs: number | null = LIMITS.statementTimeoutMs): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (error !== undefined && isStatementTimeout(unwrapResolverError(error))) {
    return {
      message: `A database statement ran past the limit of ${statementTimeoutMs} ms and was cancelled (limit: statementTimeout); ask for less at a time.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "SERVICE_UNAVAILABLE", limit: { name: "statementTimeout", max: statementTimeoutMs } },
    };
  }
  return {
    message: "Internal error; quote the requestId to the operators to trace it.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL" },
  };
}

function unauthenticated(requestId: string): GraphQLError {
  return new GraphQLError(
    "A valid API key is required: send 'Authorization: Bearer <key>'. The key given, if any, is missing, malformed, unknown, revoked or expired.",
    {
      extensions: {
        code: "UNAUTHENTICATED",
        requestId,
        http: { status: 401, headers: new Map([["www-authenticate", 'Bearer realm="scr-atlas"']]) },
      },
    },
  );
}

/** An error found before execution, with the request id and the HTTP status it deserves. */
function beforeExecution(error: unknown, requestId: string): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const status = error.extensions.code === "FORBIDDEN" ? 403 : 400;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, requestId, http: { status } } });
}

/** The error codes of a response, for the audit log: "ok" when there were none. */
function outcomeOf(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): string {
  if (!errors || errors.length === 0) return "ok";
  return [...new Set(errors.map((e) => String(e.extensions?.code ?? "INTERNAL")))].sort().join(",");
}

function requestPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema: s, document, operation, request, contextValue }) {
          if (!operation) return;
          const viewer = contextValue.viewer;
          try {
            checkPaging(s, document, operation, request.variables);
            checkListItems(s, document, operation, request.variables);
            checkRelationFilters(s, document, operation, request.variables);
            if (viewer?.role === "PARTNER") checkPartnerPeriods(s, document, operation, request.variables);
            if (viewer) {
              let cost: number | null = null;
              try {
                cost = costOf(s, document, operation, request.variables, contextValue);
              } catch {
                // Variables that do not fit the operation: execution refuses them with the reason, before any resolver.
              }
              if (cost !== null) {
                contextValue.cost = { requested: cost, budget: LIMITS.cost[viewer.role] };
                checkCost(cost, viewer.role);
              }
            }
          } catch (error) {
            throw beforeExecution(error, contextValue.requestId);
          }
        },
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === "string" && CLIENT_CODES.has(code)) continue;
            logger.error("request failed", {
              requestId: contextValue.requestId,
              message: error.message,
              path: error.path?.join("."),
              stack: error.originalError?.stack ?? error.stack,
            });
          }
        },
        async willSendResponse({ response, contextValue, request, queryHash, operationName }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          for (const error of result.errors ?? []) {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
          if (contextValue.cost) result.extensions = { ...result.extensions, cost: contextValue.cost };
          const viewer = contextValue.viewer;
          if (viewer?.role !== "PARTNER") return;
          try {
            await recordPartnerRequest(contextValue.db, actorOfViewer(viewer, contextValue.requestId), {
              operationHash: queryHash ?? null,
              operationName: operationName ?? request.operationName ?? null,
              outcome: outcomeOf(result.errors),
              variables: request.variables ?? null,
            });
          } catch (error) {
            // A partner's request that cannot be recorded is not answered.
            logger.error("could not record a partner request in the audit log", {
              requestId: contextValue.requestId,
              message: error instanceof Error ? error.message : String(error),
            });
            response.http.status = 503;
            response.body.singleResult = {
              errors: [
                {
                  message: "The request could not be recorded in the audit log, so it is not answered; try again later.",
                  extensions: { code: "SERVICE_UNAVAILABLE", requestId: contextValue.requestId },
                },
              ],
            };
          }
        },
      };
    },
  };
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  stop(): Promise<void>;
}

export interface ServerOptions {
  database: Database;
  port: number;
  host: string;
  logger?: Logger;
  /** Show Apollo's landing page (development only). */
  landingPage?: boolean;
  /** Milliseconds a request may run before it may start no more SQL statements (default LIMITS.requestTimeMs). */
  requestTimeLimitMs?: number;
}

/** Sends a GraphQL-shaped error from outside Apollo (body, batching, document limits). */
function sendError(res: express.Response, status: number, error: GraphQLError, requestId: string): void {
  res.status(status).json({ errors: [{ message: error.message, extensions: { ...error.extensions, requestId } }] });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger("silent");
  const { database } = options;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<Context>({
    schema,
    formatError: (formatted, error) => formatError(formatted, error, database.statementTimeoutMs),
    includeStacktraceInErrorResponses: false,
    // Every request to /graphql needs a valid key before it reaches Apollo, so introspection and "did you
    // mean" suggestions are there for key holders only (and stay on in production, where Apollo would turn
    // introspection off by default).
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: LIMITS.tokens },
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), requestPlugin(logger)],
  });
  await apollo.start();

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/health/ready", async (_req, res) => {
    try {
      await database.db.$queryRawUnsafe("SELECT 1");
      res.json({ status: "ok", database: database.kind });
    } catch {
      res.status(503).json({ status: "unavailable", database: database.kind });
    }
  });

  const requestTimeLimitMs = options.requestTimeLimitMs ?? LIMITS.requestTimeMs;
  const concurrency = new KeyConcurrency();
  app.use(
    "/graphql",
    express.json({ limit: MAX_BODY_BYTES }),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const requestId = randomUUID();
      res.locals.requestId = requestId;
      // The document's limits, before the key is looked up: a refused document costs no SQL at all.
      try {
        if (Array.isArray(req.body)) throw batchingRefused();
        const query = req.method === "POST" ? (req.body as { query?: unknown } | undefined)?.query : req.query.query;
        if (typeof query === "string") {
          checkDocumentSize(query);
          const document = parseWithinLimits(query);
          if (document) checkDocumentShape(document);
          if (document) checkInputNesting(document, req.method === "POST" ? (req.body as { variables?: unknown }).variables : req.query.variables);
        }
      } catch (error) {
        if (!(error instanceof GraphQLError)) return next(error);
        logger.info("request refused before authentication", { requestId, code: error.extensions.code, limit: error.extensions.limit });
        const bytes = (error.extensions.limit as { name?: string } | undefined)?.name === "documentBytes";
        return sendError(res, bytes ? 413 : 400, error, requestId);
      }
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = String(res.locals.requestId);
        const header = req.headers.authorization ?? "";
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        const viewer = match ? await authenticate(database.db, match[1]!) : null;
        if (!viewer) throw unauthenticated(requestId);
        const done = concurrency.enter(viewer.keyId, requestId);
        res.once("close", done);
        res.once("finish", done);
        return createContext(database.db, database.kind, viewer, { requestId, timeLimitMs: requestTimeLimitMs });
      },
    }),
  );

  // Bodies that are too large or not JSON: a GraphQL-shaped error, never an HTML page or a stack.
  app.use((error: { type?: string; status?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const tooLarge = error.type === "entity.too.large";
    res.status(tooLarge ? 413 : (error.status ?? 400)).json({
      errors: [
        {
          message: tooLarge
            ? `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes.`
            : "The request body is not valid JSON.",
          extensions: { code: "BAD_REQUEST" },
        },
      ],
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${options.host === "127.0.0.1" ? "localhost" : options.host}:${port}/graphql`;
  return {
    url,
    port,
    httpServer,
    stop: async () => {
      await apollo.stop();
    },
  };
}
