// The HTTP server: GraphQL at /graphql (POST and GET, per GraphQL over HTTP), health checks, start and stop.
//
// A request to /graphql passes these steps, in order, each in a file of its own in src/http/:
//   0. cors.ts            a browser's cross-origin request: preflights answered, allowed origins named (CORS_ORIGINS)
//   1. request-state.ts   its state is created: a request id, and the one object every later step reads and writes
//   2. body.ts            the body, as JSON within bodyBytes (413, or 400 when it is not JSON)
//   3. document-checks.ts the document, before the key is looked up so a refused one costs no SQL of its own:
//                         batching, the persisted-query extension, size, tokens, depth, aliases, directives,
//                         fragment cycles, characters no database holds, input nesting (input.ts, query-limits.ts)
//   4. availability.ts    the database's availability (503 when it is down or its file is lost)
//      authenticate.ts    the key (401 for any bad key, alike)
//      registered-only.ts a key limited to registered operations: anything not in the trusted-documents
//                         manifest (trusted-documents.ts) is refused (403)
//   5. concurrency.ts     the key's requests running at once (429)
//      admission.ts       the process's GraphQL requests running at once: a request waits in turn for a slot
//                         (503 when too many wait or it waits too long); what bounds memory under load
//   6. choose-schema.ts   the role's capabilities (src/domain/roles.ts) choose the schema: the full one, or the
//                         research partner's statistical surface; then Apollo's CSRF check, parse and validation
//   7. operation-checks.ts the operation's kind, its arguments' text, page sizes, list items, relation filters,
//                         the periods and the cost budget of the role, before any resolver runs
//   8. execution, where every statement checks the request's time limit (src/context.ts); a document sent by
//                         hash is found among the trusted documents or the registered ones (persisted-queries.ts);
//                         a client that asks for CSV (`Accept: text/csv`) is answered by csv/csv.ts, which runs
//                         the same Apollo server, page by page
//   9. errors.ts          errors masked unless written for clients, each with the requestId
//  10. request-audit.ts   around Apollo and every refusal above once the body is read: for a role whose requests
//                         are audited, a row in the audit log before the response leaves (no record, no response)
// A successful GET of a persisted operation carries Cache-Control and an ETag suited to the key's role, and a
// matching If-None-Match gets 304 (http-caching.ts).
// request-log.ts begins step 1 and, when the response ends, writes the request's log line and counts it in the
// metrics (metrics.ts, served at /metrics with its own token). health.ts serves /health and /health/ready,
// which need no key; import.ts serves POST /import (bulk import); pages.ts serves `/`, the explorer, the atlas
// and the docs to browsers (a browser opening /graphql itself is sent to the explorer).
import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import express from "express";
import type { GraphQLSchema } from "graphql";
import { type AdmissionConfig, type CorsConfig, DEFAULT_ADMISSION } from "../config";
import type { Database } from "../db";
import { createContext, type ReadPath } from "../context";
import { createKeyCache, type KeyCache, type KeyCacheOptions } from "../domain/key-cache";
import { createListBoundsCache, type ListBoundsCache } from "../domain/list-bounds";
import { LIMITS } from "../limits";
import { type Logger, createLogger } from "../logger";
import { partnerSchema, schema } from "../schema";
import { SupportedOperationTypes } from "../schema/common/operation-types";
import { Admission, admission } from "./admission";
import { authenticateKey } from "./authenticate";
import { availability } from "./availability";
import { bodyRefused, readBody } from "./body";
import { chooseSchema } from "./choose-schema";
import { keyConcurrency } from "./concurrency";
import { crossOrigin } from "./cors";
import { csvAnswers } from "./csv/csv";
import { documentChecks } from "./document-checks";
import { formatError } from "./errors";
import { healthRoutes } from "./health";
import { persistedQueryStore } from "./persisted-queries";
import { registeredOnly } from "./registered-only";
import { loadTrustedDocuments, type TrustedDocuments } from "./trusted-documents";
import { importRoutes } from "./import";
import { operationChecks } from "./operation-checks";
import { explorerForBrowsers, pageRoutes } from "./pages";
import { createRequestAudit } from "./request-audit";
import { createMetrics } from "./metrics";
import { clientFor, primaryForMutations } from "./read-routing";
import { requestLog } from "./request-log";
import { requestOf, type RequestState, type ServerContext } from "./request-state";

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  /** The verified keys and their unwritten last use (stop flushes it). */
  keys: KeyCache;
  /** The bounds of the lists over reference data the cost model uses (refresh() after a write that changes them). */
  listBounds: ListBoundsCache;
  /**
   * Stops accepting connections, closes idle kept-alive ones, lets requests already running finish (each
   * answered with Connection: close) for up to graceMs, then cuts any still open; resolves with how many
   * requests were cut.
   */
  stop(graceMs?: number): Promise<{ cut: number }>;
}

export interface ServerOptions {
  database: Database;
  port: number;
  host: string;
  logger?: Logger;
  /** Origins whose pages may call /graphql from a browser (default: none). */
  cors?: CorsConfig;
  /** Milliseconds a request may run before it may start no more SQL statements (default LIMITS.requestTimeMs). */
  requestTimeLimitMs?: number;
  /** The key cache's time-to-live, last-use flush interval and clock (tests; defaults in src/domain/key-cache.ts). */
  keyCache?: KeyCacheOptions;
  /** Idle kept-alive connections close after this (default 65 s; headers may take one second more). */
  keepAliveTimeoutMs?: number;
  /** How root lists are read (default "compiled"; "resolvers" is the benchmark's before). */
  readPath?: ReadPath;
  /** The bearer token /metrics asks for; null or unset: /metrics is off (404). */
  metricsToken?: string | null;
  /** The registered operations (default: the committed manifest, trusted-documents.ts). */
  trustedDocuments?: TrustedDocuments;
  /** GraphQL requests running at once and waiting (default DEFAULT_ADMISSION, src/config.ts). */
  admission?: AdmissionConfig;
}

const DEFAULT_KEEP_ALIVE_MS = 65_000;
const DEFAULT_GRACE_MS = 10_000;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger("silent");
  const { database } = options;
  const app = express();
  app.disable("x-powered-by");
  // Express would put a weak ETag on every answer, POST and errors included; http-caching.ts sets one where
  // it means something.
  app.set("etag", false);
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_MS;
  // Above the keep-alive timeout, as Node requires for a client that sends its next request just before it.
  httpServer.headersTimeout = httpServer.keepAliveTimeout + 1000;
  // Requests under way, for the drain at stop; once stopping, every response closes its connection.
  const running = new Set<http.ServerResponse>();
  let stopping = false;
  // Ahead of the app, which may answer at once.
  httpServer.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    running.add(res);
    if (stopping) res.setHeader("Connection", "close");
    res.once("close", () => running.delete(res));
  });
  const keys = createKeyCache(database.db, {
    ...options.keyCache,
    onFlushError: (error) => logger.error("could not write the keys' last use", { message: error instanceof Error ? error.message : String(error) }),
  });
  const audit = createRequestAudit(database, keys, logger);
  // Read before serving, so the first request is costed with them; a database not there yet leaves every list
  // costing its page until the next read.
  const listBounds = createListBoundsCache(database.db, {
    onError: (error) =>
      logger.warn("could not read the lists' bounds for the cost model", { message: error instanceof Error ? error.message : String(error) }),
  });
  await listBounds.refresh();

  const trusted = options.trustedDocuments ?? loadTrustedDocuments();
  // One store for both schemas: a document registered by one role is validated against the schema of each key
  // that later sends its hash.
  const persistedQueries = persistedQueryStore(trusted);
  const requestTimeLimitMs = options.requestTimeLimitMs ?? LIMITS.requestTimeMs;
  const debug = logger.enabled("debug");
  const contextFor = (request: RequestState) => {
    const observed = request.observed;
    return createContext(clientFor(database, request), database.kind, request.viewer ?? null, {
      requestId: request.id,
      timeLimitMs: requestTimeLimitMs,
      listBounds: listBounds.current(),
      readPath: options.readPath,
      onDatabaseCall: ({ model, operation, durationMs }) => {
        observed.databaseCalls += 1;
        observed.databaseMs += durationMs;
        if (debug) logger.debug("database call", { requestId: request.id, model, operation, durationMs: Math.round(durationMs * 10) / 10 });
      },
    });
  };
  // One Apollo server per schema: a request is validated against the schema its key may see.
  const apolloFor = (served: GraphQLSchema) =>
    new ApolloServer<ServerContext>({
      schema: served,
      formatError: (formatted, error) => formatError(formatted, error, database.statementTimeoutMs),
      includeStacktraceInErrorResponses: false,
      // Every request to /graphql needs a valid key before it reaches Apollo, so introspection and "did you
      // mean" suggestions are there for key holders only (and stay on in production, where Apollo would turn
      // introspection off by default).
      introspection: true,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      // ttl null: the store (persisted-queries.ts) bounds itself by size, not by age.
      persistedQueries: { cache: persistedQueries, ttl: null },
      parseOptions: { maxTokens: LIMITS.tokens },
      validationRules: [SupportedOperationTypes],
      // src/main.ts owns SIGTERM and SIGINT: Apollo's own handler would stop it without draining and re-raise
      // the signal, so the process would end by the signal instead of exiting 0 once drained.
      stopOnTerminationSignals: false,
      // The explorer is SCR Atlas's own page (/explorer), not Apollo's Sandbox, which loads from a CDN.
      plugins: [
        operationChecks(logger),
        primaryForMutations(database),
        audit.plugin,
        ApolloServerPluginLandingPageDisabled(),
        // Apollo's cache-control plugin wraps every field's resolver to collect hints nothing here reads (caching
        // headers are decided per role, not per field); without it graphql-js calls resolvers directly.
        ApolloServerPluginCacheControlDisabled(),
      ],
      // Compact JSON: Apollo's default indents every answer, which costs CPU and bytes on every request.
      stringifyResult: (result) => JSON.stringify(result),
    });
  const apollo = apolloFor(schema);
  await apollo.start();

  app.use(healthRoutes(database));
  const gate = new Admission(options.admission ?? DEFAULT_ADMISSION);
  logger.info("admission", { ...gate.limits });
  const metrics = createMetrics(database, { token: options.metricsToken ?? null, registeredOperations: trusted.operationNames, admission: gate });
  app.get("/metrics", metrics.handler);
  app.use(importRoutes({ database, keys, audit, logger }));
  app.use(pageRoutes());

  // A query reads from a replica when there are any, a mutation from the primary (read-routing.ts). Assigned,
  // not spread: with replicas the context's client is chosen on first use, which a spread would force now.
  const contextOf = async ({ res }: { res: express.Response }): Promise<ServerContext> => {
    const request = requestOf(res);
    return Object.assign(contextFor(request), { request });
  };
  // JSON, or CSV for a client that asks for it (csv/csv.ts), through the same Apollo server.
  const answers = (served: GraphQLSchema, server: ApolloServer<ServerContext>) =>
    csvAnswers({ apollo: server, schema: served, context: contextOf, audit, logger, json: audit.graphqlHandler(server, contextOf) });
  // The partner's schema and Apollo server are made at the first partner's request: a start that waited for
  // them would answer its first request later (docs/architecture.md, "Start-up").
  let partner: Promise<{ server: ApolloServer<ServerContext>; handler: express.RequestHandler }> | undefined;
  const partnerAnswers: express.RequestHandler = (req, res, next) => {
    partner ??= (async () => {
      const served = partnerSchema();
      const server = apolloFor(served);
      await server.start();
      return { server, handler: answers(served, server) };
    })();
    return partner.then(({ handler }) => handler(req, res, next)).catch(next);
  };
  app.use(
    "/graphql",
    ...crossOrigin(options.cors),
    explorerForBrowsers,
    requestLog(logger, metrics),
    readBody(),
    documentChecks(audit, logger),
    availability(database, logger),
    authenticateKey(keys, logger),
    registeredOnly(trusted, audit, logger),
    keyConcurrency(audit),
    admission(audit, gate),
    chooseSchema({ full: answers(schema, apollo), statistical: partnerAnswers }),
  );
  app.use(bodyRefused(audit));

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
    keys,
    listBounds,
    stop: async (graceMs = DEFAULT_GRACE_MS) => {
      stopping = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      // A response not yet begun closes its connection when sent; one whose headers are out ends its own way.
      for (const res of running) if (!res.headersSent) res.setHeader("Connection", "close");
      let cut = 0;
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          cut = running.size;
          httpServer.closeAllConnections();
          resolve();
        }, graceMs);
      });
      await Promise.race([closed, graceOver]);
      clearTimeout(timer);
      await Promise.all([apollo.stop(), partner?.then(({ server }) => server.stop()).catch(() => undefined)]);
      await keys.close();
      listBounds.close();
      metrics.close();
      return { cut };
    },
  };
}
