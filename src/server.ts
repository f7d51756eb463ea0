// The HTTP server: GraphQL at /graphql (POST and GET, per GraphQL over HTTP), health checks, start and stop.
//
// A request to /graphql passes, in order: the body limit; the limits on the document's shape (batching, size,
// tokens, depth, aliases, directives, fragment cycles) and the persisted-query extension, checked before the key
// is looked up, so a refused document costs no SQL but the key's lookup for the audit log; the database's
// availability (503 when it is down or its file is lost); the key (401 for any bad key, alike), which chooses
// the schema the request is parsed, validated and run against (the full schema for case-level roles, the
// research partner's statistical surface otherwise: src/schema/access/surface.ts); Apollo's CSRF check, parse
// and validation; the operation's kind, the text of its arguments (schema/input.ts), the page sizes, a
// partner's periods and the cost against the role's budget, on the whole operation before any resolver runs;
// execution, where every statement checks the request's time limit; and, for a research partner, a record in
// the audit log before the response leaves, whatever became of the request, refusals at any of these steps
// included (no record, no response: src/partner-audit.ts).
import http from "node:http";
import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Database } from "./db";
import { type Context, createContext } from "./context";
import type { Viewer } from "./domain/keys";
import { authenticateOrUnavailable, checkAvailable, readiness } from "./availability";
import { partnerSchema, schema } from "./schema";
import { scopesOf } from "./schema/access/roles";
import { SupportedOperationTypes } from "./schema/shared/operation-types";
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
import { checkArgumentText, checkDocumentText, checkOperationKind, checkPersistedQuery } from "./schema/input";
import { createPartnerAudit } from "./partner-audit";
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

function unauthenticated(): GraphQLError {
  return new GraphQLError(
    "A valid API key is required: send 'Authorization: Bearer <key>'. The key given, if any, is missing, malformed, unknown, revoked or expired.",
    {
      extensions: {
        code: "UNAUTHENTICATED",
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

function requestPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema: s, document, operation, request, contextValue }) {
          if (!operation) return;
          const viewer = contextValue.viewer;
          try {
            checkOperationKind(operation);
            checkArgumentText(s, document, operation, request.variables);
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
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          for (const error of result.errors ?? []) {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
          if (contextValue.cost) result.extensions = { ...result.extensions, cost: contextValue.cost };
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

/** A GraphQL-shaped error body from outside Apollo (body, batching, document limits, the key). */
function errorBody(error: GraphQLError, requestId: string) {
  const { http: _http, ...extensions } = error.extensions;
  return { errors: [{ message: error.message, extensions: { ...extensions, requestId } }] };
}

function sendError(res: express.Response, status: number, error: GraphQLError, requestId: string): void {
  res.status(status).json(errorBody(error, requestId));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger("silent");
  const { database } = options;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const audit = createPartnerAudit(database, logger);

  // One Apollo server per schema: a request is validated against the schema its key may see, so a partner's
  // document naming a case-level field fails validation exactly as a field that does not exist.
  const apolloFor = (served: typeof schema, drain: boolean) => new ApolloServer<Context>({
    schema: served,
    formatError: (formatted, error) => formatError(formatted, error, database.statementTimeoutMs),
    includeStacktraceInErrorResponses: false,
    // Every request to /graphql needs a valid key before it reaches Apollo, so introspection and "did you
    // mean" suggestions are there for key holders only (and stay on in production, where Apollo would turn
    // introspection off by default).
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: LIMITS.tokens },
    validationRules: [SupportedOperationTypes],
    // The HTTP server is drained once, by the server that stops last.
    plugins: [...(drain ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []), requestPlugin(logger), audit.plugin],
  });
  const apollo = apolloFor(schema, true);
  const partnerApollo = apolloFor(partnerSchema, false);
  await Promise.all([apollo.start(), partnerApollo.start()]);

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/health/ready", async (_req, res) => {
    const { status, body } = await readiness(database);
    res.status(status).json(body);
  });

  const requestTimeLimitMs = options.requestTimeLimitMs ?? LIMITS.requestTimeMs;
  const contextOf = async ({ res }: { res: express.Response }) =>
    createContext(database.db, database.kind, res.locals.viewer as Viewer, { requestId: String(res.locals.requestId), timeLimitMs: requestTimeLimitMs });
  const fullMiddleware = audit.graphqlHandler(apollo, contextOf);
  const partnerMiddleware = audit.graphqlHandler(partnerApollo, contextOf);
  const concurrency = new KeyConcurrency();
  app.use(
    "/graphql",
    express.json({ limit: MAX_BODY_BYTES }),
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const requestId = randomUUID();
      res.locals.requestId = requestId;
      // The document's limits, before the key is looked up: a refused document costs no SQL for the query (the
      // key is read afterwards, only to record a research partner's refusal in the audit log).
      try {
        if (Array.isArray(req.body)) throw batchingRefused();
        const body = req.method === "POST" ? (req.body as { query?: unknown; extensions?: unknown } | undefined) : req.query;
        const query = body?.query;
        checkPersistedQuery(body?.extensions, query, req.method !== "POST");
        if (typeof query === "string") {
          checkDocumentSize(query);
          const document = parseWithinLimits(query);
          if (document) checkDocumentShape(document);
          else checkDocumentText(query);
          if (document) checkInputNesting(document, req.method === "POST" ? (req.body as { variables?: unknown }).variables : req.query.variables);
        }
      } catch (error) {
        if (!(error instanceof GraphQLError)) return next(error);
        logger.info("request refused before authentication", { requestId, code: error.extensions.code, limit: error.extensions.limit });
        const bytes = (error.extensions.limit as { name?: string } | undefined)?.name === "documentBytes";
        return void audit.refuse(req, res, bytes ? 413 : 400, errorBody(error, requestId), requestId).catch(next);
      }
      next();
    },
    async (req: express.Request, res: express.Response, next: express.NextFunction) => {
      const requestId = String(res.locals.requestId);
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
      try {
        checkAvailable(database, requestId, logger);
        const viewer = match ? await authenticateOrUnavailable(database, match[1]!, requestId, logger) : null;
        if (!viewer) {
          res.setHeader("www-authenticate", 'Bearer realm="scr-atlas"');
          return sendError(res, 401, unauthenticated(), requestId);
        }
        const done = concurrency.enter(viewer.keyId, requestId);
        res.once("close", done);
        res.once("finish", done);
        res.locals.viewer = viewer;
        next();
      } catch (error) {
        if (!(error instanceof GraphQLError)) return next(error);
        const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
        for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
        // A refusal with the key known (too many requests at once) is a partner's request like any other.
        if (http?.status === 429) return void audit.refuse(req, res, 429, errorBody(error, requestId), requestId).catch(next);
        return sendError(res, http?.status ?? 500, error, requestId);
      }
    },
    // The key chooses the schema: case-level roles get the full one, every other role the partner's surface.
    (req: express.Request, res: express.Response, next: express.NextFunction) =>
      (scopesOf(res.locals.viewer as Viewer).caseDetail ? fullMiddleware : partnerMiddleware)(req, res, next),
  );

  // Bodies that are too large or not JSON: a GraphQL-shaped error, never an HTML page or a stack.
  app.use((error: { type?: string; status?: number }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const tooLarge = error.type === "entity.too.large";
    audit.refuse(req, res, tooLarge ? 413 : (error.status ?? 400), {
      errors: [
        {
          message: tooLarge
            ? `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes.`
            : "The request body is not valid JSON.",
          extensions: { code: "BAD_REQUEST" },
        },
      ],
    }).catch(next);
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
      await partnerApollo.stop();
      await apollo.stop();
    },
  };
}
