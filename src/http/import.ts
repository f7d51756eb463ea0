// POST /import: the bulk import over HTTP, for keys whose role may change data (STEWARD, ADMIN).
//
//   POST /import?kind=incidents[&dryRun=true][&fileName=…]
//   Authorization: Bearer <key>
//   Content-Type: text/csv | application/x-ndjson (JSON Lines)
//
// Steps: the request's state, the database's availability and the key (as /graphql: 401 for any bad key), the
// role (403 for a role that may not change data, before the body is read; a research partner's refusal is
// recorded in the audit log like any of its requests), the key's concurrency, the body's type (415), then the
// body itself, spooled to a temporary file within IMPORT_BODY_BYTES (413), because the import reads the file
// twice (check, then write: src/domain/import/run.ts). 200 with the batch; 422 with every problem (line,
// column, reason) and nothing written.
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import express from "express";
import type { Database } from "../db";
import { IMPORT_KINDS } from "../domain/import/kinds";
import { type ImportFormat } from "../domain/import/read";
import { runImport } from "../domain/import/run";
import { capabilitiesOf, rolesThat } from "../domain/roles";
import type { KeyCache } from "../domain/key-cache";
import type { Logger } from "../logger";
import { authenticateKey } from "./authenticate";
import { availability } from "./availability";
import { keyConcurrency } from "./concurrency";
import { isDatabaseUnreachable, DATABASE_UNAVAILABLE_MESSAGE } from "./errors";
import type { RequestAudit } from "./request-audit";
import { beginRequest, requestOf } from "./request-state";

/** Bytes an import body may have: 100,000 incidents in CSV are about 12 MB. Larger files: `npm run import`. */
export const IMPORT_BODY_BYTES = 64 * 1024 * 1024;

/** Media types of the two formats (parameters such as charset=utf-8 allowed). */
const MEDIA_TYPES: Record<string, ImportFormat> = {
  "text/csv": "csv",
  "application/x-ndjson": "jsonl",
  "application/jsonl": "jsonl",
  "application/x-jsonlines": "jsonl",
};

type ErrorCode = "BAD_REQUEST" | "FORBIDDEN" | "BAD_USER_INPUT" | "SERVICE_UNAVAILABLE" | "INTERNAL";

function importError(code: ErrorCode, message: string, requestId: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, requestId, ...extra } }] };
}

class BodyTooLarge extends Error {}

/** The request's body into `file`, refusing it once it passes IMPORT_BODY_BYTES. */
async function spool(req: express.Request, file: string): Promise<void> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > IMPORT_BODY_BYTES) return done(new BodyTooLarge());
      done(null, chunk);
    },
  });
  await pipeline(req, limit, fs.createWriteStream(file));
}

/** The name the batch records: ?fileName=, else Content-Disposition's filename, else "upload". */
function fileNameOf(req: express.Request): string {
  const asked = typeof req.query.fileName === "string" ? req.query.fileName : null;
  const disposition = /filename="?([^";]+)"?/i.exec(req.headers["content-disposition"] ?? "")?.[1] ?? null;
  const name = path.basename(asked ?? disposition ?? "upload").slice(0, 200);
  return name === "" ? "upload" : name;
}

export function importRoutes(options: { database: Database; keys: KeyCache; audit: RequestAudit; logger: Logger }): express.Router {
  const { database, keys, audit, logger } = options;
  const router = express.Router();
  const mayImport = rolesThat((c) => c.mutate).join(" or ");

  const roleCheck: express.RequestHandler = (req, res, next) => {
    const state = requestOf(res);
    if (capabilitiesOf(state.viewer!.role).mutate) return next();
    const body = importError(
      "FORBIDDEN",
      `Importing needs a ${mayImport} key; this key's role is ${state.viewer!.role}. Nothing was written.`,
      state.id,
    );
    audit.refuse(req, res, 403, body).catch(next);
  };

  const handler: express.RequestHandler = async (req, res, next) => {
    const state = requestOf(res);
    const viewer = state.viewer!;
    const send = (status: number, body: unknown) => void res.status(status).json(body);
    const mediaType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
    const format = MEDIA_TYPES[mediaType];
    if (!format) {
      return send(
        415,
        importError(
          "BAD_REQUEST",
          `The body's Content-Type must be text/csv (CSV) or application/x-ndjson (JSON Lines); it was ${mediaType || "not given"}.`,
          state.id,
        ),
      );
    }
    if (charset && charset !== "utf-8" && charset !== "utf8") {
      return send(415, importError("BAD_REQUEST", `The body must be UTF-8; it was declared ${charset}.`, state.id));
    }
    const declared = Number(req.headers["content-length"] ?? NaN);
    const tooLarge = () =>
      send(
        413,
        importError(
          "BAD_REQUEST",
          `The body is larger than the import limit of ${IMPORT_BODY_BYTES} bytes (64 MiB); split the file, or use npm run import on the server. Nothing was written.`,
          state.id,
          { limit: { name: "importBodyBytes", max: IMPORT_BODY_BYTES } },
        ),
      );
    if (Number.isFinite(declared) && declared > IMPORT_BODY_BYTES) {
      res.setHeader("connection", "close");
      return tooLarge();
    }
    const dryRunText = typeof req.query.dryRun === "string" ? req.query.dryRun.toLowerCase() : undefined;
    if (dryRunText !== undefined && !["true", "false", "1", "0"].includes(dryRunText)) {
      return send(400, importError("BAD_REQUEST", `dryRun must be true or false; it was ${JSON.stringify(req.query.dryRun)}.`, state.id));
    }
    const kind = typeof req.query.kind === "string" && req.query.kind !== "" ? req.query.kind : null;

    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "scr-atlas-import-"));
    const file = path.join(dir, "body");
    try {
      try {
        await spool(req, file);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader("connection", "close");
          return tooLarge();
        }
        throw error;
      }
      const outcome = await runImport(database.db, IMPORT_KINDS, {
        open: () => fs.createReadStream(file),
        fileName: fileNameOf(req),
        format,
        kind,
        dryRun: dryRunText === "true" || dryRunText === "1",
        actor: { actor: viewer.label, actorKeyId: viewer.keyId, actorRole: viewer.role, channel: "http", requestId: state.id },
        totalBytes: (await fsp.stat(file)).size,
      });
      if (!outcome.ok) {
        logger.info("import refused", { requestId: state.id, kind: outcome.kind, rows: outcome.rows, problems: outcome.problemCount });
        return send(422, {
          ...importError(
            "BAD_USER_INPUT",
            `The file has ${outcome.problemCount} problem${outcome.problemCount === 1 ? "" : "s"}; nothing was written.`,
            state.id,
          ),
          problems: outcome.problems,
          problemCount: outcome.problemCount,
          unreported: outcome.unreported,
        });
      }
      const { batch } = outcome;
      logger.info("import", { requestId: state.id, batch: batch.id, kind: batch.kind, rows: batch.rows, dryRun: batch.dryRun });
      send(200, { batch });
    } catch (error) {
      if (res.headersSent) return next(error);
      logger.error("import failed", { requestId: state.id, message: error instanceof Error ? error.message : String(error) });
      if (isDatabaseUnreachable(error)) send(503, importError("SERVICE_UNAVAILABLE", DATABASE_UNAVAILABLE_MESSAGE, state.id));
      else send(500, importError("INTERNAL", "Internal error; nothing was written. Quote the requestId to the operators to trace it.", state.id));
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  };

  router.post(
    "/import",
    (_req, res, next) => {
      beginRequest(res);
      next();
    },
    availability(database, logger),
    authenticateKey(keys, logger),
    roleCheck,
    keyConcurrency(audit),
    handler,
  );
  return router;
}
