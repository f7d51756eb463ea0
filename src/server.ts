// The HTTP server: GraphQL at /graphql (POST and GET, per GraphQL over HTTP), health checks, start and stop.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Database } from "./db";
import { type Context, createContext } from "./context";
import { authenticate } from "./domain/keys";
import { schema } from "./schema";
import { checkPaging } from "./schema/paging";
import { type Logger, createLogger } from "./logger";

/** Largest request body accepted, in bytes: a generous GraphQL document with variables. */
export const MAX_BODY_BYTES = 100 * 1024;

/** Error codes whose messages are written for clients; any other error is masked as INTERNAL. */
const CLIENT_CODES = new Set([
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

/** Keeps client-facing errors, masks everything else; never a stack trace, SQL or Prisma code. */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
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

function requestPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema: s, document, operation, request, contextValue }) {
          try {
            if (operation) checkPaging(s, document, operation, request.variables);
          } catch (error) {
            if (error instanceof GraphQLError) {
              throw new GraphQLError(error.message, {
                extensions: { ...error.extensions, requestId: contextValue.requestId, http: { status: 400 } },
              });
            }
            throw error;
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
          for (const error of response.body.singleResult.errors ?? []) {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
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
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger("silent");
  const { database } = options;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
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

  app.use(
    "/graphql",
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = randomUUID();
        const header = req.headers.authorization ?? "";
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        const viewer = match ? await authenticate(database.db, match[1]!) : null;
        if (!viewer) throw unauthenticated(requestId);
        return createContext(database.db, database.kind, viewer, requestId);
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
