// Step 0 of /graphql: cross-origin requests from browsers (CORS), ahead of every other step so that a refusal
// further on (401, 400, 429) still carries the headers a page needs to read it.
//
// Only the origins configured (CORS_ORIGINS, src/config.ts) get Access-Control-Allow-Origin; any other origin
// gets no CORS header at all, so its browser withholds the response from the page. A preflight
// (OPTIONS /graphql) is answered here with 204 and never reaches the key check or Apollo.
//
// Apollo's CSRF prevention stays on behind this: a browser can send a "simple" request (a form post, text/plain,
// a GET with no custom header) to any site without a preflight, and Apollo refuses those unless they carry a
// header only a preflighted request can carry. CORS decides who may read answers; CSRF prevention decides which
// requests are run at all. The key travels in `Authorization`, which is never simple, so a browser always
// preflights an API call from another origin, and no cookie is ever read.
import cors from "cors";
import type express from "express";
import type { CorsConfig } from "../config";

/** Methods a page may use: GraphQL over HTTP is GET and POST. */
export const CORS_METHODS = ["GET", "POST"] as const;

/**
 * Request headers a page may send: the key, the JSON body's type, the headers Apollo's CSRF prevention
 * accepts on a GET (`apollo-require-preflight`, `x-apollo-operation-name`), and If-None-Match for a page that
 * revalidates a persisted operation's answer itself (http-caching.ts).
 */
export const CORS_REQUEST_HEADERS = [
  "Authorization",
  "Content-Type",
  "Apollo-Require-Preflight",
  "X-Apollo-Operation-Name",
  "If-None-Match",
] as const;

/** Response headers a page may read beyond the safelisted ones: why a key was refused, and an answer's ETag. */
export const CORS_EXPOSED_HEADERS = ["WWW-Authenticate", "ETag"] as const;

export const NO_CROSS_ORIGIN: CorsConfig = { origins: [], credentials: false, maxAgeSeconds: 600 };

export function crossOrigin(config: CorsConfig = NO_CROSS_ORIGIN): express.RequestHandler[] {
  const allowed = config.origins === "*" ? null : new Set(config.origins);
  const answerAllowed = cors({
    // "*" is sent as a literal "*" (never the caller's origin reflected), which browsers refuse to combine with
    // credentials; src/config.ts refuses that combination at start-up.
    origin: allowed === null ? "*" : (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    credentials: config.credentials,
    methods: [...CORS_METHODS],
    allowedHeaders: [...CORS_REQUEST_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: config.maxAgeSeconds,
    optionsSuccessStatus: 204,
    preflightContinue: false,
  });
  // The cors package passes over an origin it does not allow without a word; an answer differs by Origin, so a
  // cache in front must key on it, and a preflight it passed over is answered here instead of by the key check.
  const answerOthers: express.RequestHandler = (req, res, next) => {
    if (allowed !== null) res.vary("Origin");
    if (req.method !== "OPTIONS") return next();
    const origin = req.headers.origin;
    if (origin === undefined) {
      // Not a browser's preflight: say what the endpoint accepts.
      res.setHeader("Allow", [...CORS_METHODS, "OPTIONS"].join(", "));
      return void res.status(204).end();
    }
    res.status(403).json({
      errors: [
        {
          message: `Pages on ${origin} may not call this API from a browser: the server's CORS_ORIGINS does not list that origin.`,
          extensions: { code: "FORBIDDEN" },
        },
      ],
    });
  };
  return [answerAllowed, answerOthers];
}
