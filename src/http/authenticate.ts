// Step 4b: the key. `Authorization: Bearer <key>` is checked once (against the key cache, src/domain/key-cache.ts,
// which asks the database only for a key it has not verified in the last few seconds); any bad key (missing, malformed, unknown,
// revoked, expired) gets the same 401, so a client cannot tell which. The viewer is kept on the request's state.
import type express from "express";
import { GraphQLError } from "graphql";
import type { KeyCache } from "../domain/key-cache";
import type { Logger } from "../logger";
import { authenticateOrUnavailable } from "./availability";
import { httpStatusOf, sendError } from "./errors";
import { requestOf } from "./request-state";

function unauthenticated(): GraphQLError {
  return new GraphQLError(
    "A valid API key is required: send 'Authorization: Bearer <key>'. The key given, if any, is missing, malformed, unknown, revoked or expired.",
    { extensions: { code: "UNAUTHENTICATED" } },
  );
}

export function authenticateKey(keys: KeyCache, logger: Logger): express.RequestHandler {
  return async (req, res, next) => {
    const state = requestOf(res);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    try {
      state.viewer = match ? await authenticateOrUnavailable(keys, match[1]!, state.id, logger) : null;
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      return sendError(res, httpStatusOf(error, res), error, state.id);
    }
    if (!state.viewer) {
      res.setHeader("www-authenticate", 'Bearer realm="scr-atlas"');
      return sendError(res, 401, unauthenticated(), state.id);
    }
    next();
  };
}
