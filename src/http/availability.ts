// Step 4a: whether the database can serve: a 503 SERVICE_UNAVAILABLE for a request that arrives while it cannot
// (PostgreSQL down, the SQLite file removed or replaced), before any statement runs; and readiness for
// /health/ready (health.ts).
import type express from "express";
import { GraphQLError } from "graphql";
import type { Database } from "../db";
import type { KeyCache } from "../domain/key-cache";
import type { Viewer } from "../domain/keys";
import type { Logger } from "../logger";
import { DATABASE_UNAVAILABLE_MESSAGE, httpStatusOf, RETRY_AFTER_SECONDS, sendError } from "./errors";
import { requestOf } from "./request-state";

/** Seconds a client is asked to wait before trying again. */

export function databaseUnavailable(requestId: string): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    extensions: {
      code: "SERVICE_UNAVAILABLE",
      requestId,
      http: { status: 503, headers: new Map([["retry-after", String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/**
 * Refuses the request at once when the database is known to be unusable without asking it (a lost SQLite file):
 * its connection would otherwise read and write a file no longer at its path.
 */
export function checkAvailable(database: Database, requestId: string, logger: Logger): void {
  const reason = database.unavailable();
  if (reason === null) return;
  logger.error("request refused: the database is unavailable", { requestId, reason });
  throw databaseUnavailable(requestId);
}

/** The step: refuses the request when the database is known to be unusable. */
export function availability(database: Database, logger: Logger): express.RequestHandler {
  return (_req, res, next) => {
    const requestId = requestOf(res).id;
    try {
      checkAvailable(database, requestId, logger);
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      return sendError(res, httpStatusOf(error, res), error, requestId);
    }
    next();
  };
}

/**
 * The key's viewer, as `keys.authenticate`; a failure to look the key up is the database failing (it does
 * nothing else), so it is a 503 rather than Apollo's 500 for a context that could not be built.
 */
export async function authenticateOrUnavailable(keys: KeyCache, key: string, requestId: string, logger: Logger): Promise<Viewer | null> {
  try {
    return await keys.authenticate(key);
  } catch (error) {
    logger.error("request refused: the key could not be looked up", {
      requestId,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    throw databaseUnavailable(requestId);
  }
}

/** /health/ready: 200 when the database answers a trivial query and is still the one opened, else 503. */
export async function readiness(database: Database): Promise<{ status: number; body: Record<string, string> }> {
  const reason = database.unavailable();
  if (reason !== null) return { status: 503, body: { status: "unavailable", database: database.kind, reason } };
  try {
    await database.db.$queryRawUnsafe("SELECT 1");
    return { status: 200, body: { status: "ok", database: database.kind } };
  } catch {
    return { status: 503, body: { status: "unavailable", database: database.kind } };
  }
}
