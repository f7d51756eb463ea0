// /graphql answered as CSV (`Accept: text/csv`, GET or POST), in front of the JSON handler of step 8.
//
// The query runs exactly as a JSON request does: through the role's Apollo server (executeHTTPGraphQLRequest),
// so its parsing, validation, operation checks (limits, cost, a partner's periods), suppression, masking and audit
// are the JSON request's own; only the answer is written differently (shape.ts makes the table, render.ts the text).
//
//  - A document that does not parse or validate, or names no operation, is handed to the JSON handler, which
//    answers its error as today; so is every error of an execution (any error at all, since a CSV cannot carry
//    one): the client gets the JSON answer and its status, never a partial table.
//  - A query whose selection holds no list of objects, or more than one, gets 406 with a sentence saying what is
//    allowed; a mutation gets 406 too (CSV answers queries). Both are recorded like any refusal.
//  - A connection or group-by asked for without a paging argument is read to its end, a page of LIMITS.pageSize
//    items at a time, each page a separate execution (costed, time-limited and, for a partner, audited like a
//    request of its own) whose rows are written before the next runs: what the server holds at once is one page.
//    Should a later page fail, or the client go, the response is cut without its final chunk, so no client can
//    mistake a partial export for a whole one. With a paging argument, the one page the client asked for.
import { once } from "node:events";
import { type ApolloServer, HeaderMap, type HTTPGraphQLRequest } from "@apollo/server";
import type express from "express";
import { type GraphQLSchema, getOperationAST, parse, print, validate } from "graphql";
import { LIMITS } from "../../limits";
import type { Logger } from "../../logger";
import type { RequestAudit } from "../request-audit";
import { noteErrors, requestOf, type ServerContext } from "../request-state";
import { headerText, rowsOf, rowsText } from "./render";
import { NotATable, PAGE_ALIAS, PAGE_VARIABLE, type Table, tableOf } from "./shape";

export const CSV_TYPE = "text/csv; charset=utf-8; header=present";

/** True when the client prefers CSV to either JSON media type. */
export function wantsCsv(req: express.Request): boolean {
  if (!/text\/csv/i.test(req.headers.accept ?? "")) return false;
  return req.accepts(["application/graphql-response+json", "application/json", "text/csv"]) === "text/csv";
}

interface Sent {
  query: string | null;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  /** False when `variables` was given but is not a JSON object. */
  variablesOk: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function sentOf(req: express.Request): Sent {
  const fields: Record<string, unknown> = req.method === "POST" ? (isObject(req.body) ? req.body : {}) : (req.query as Record<string, unknown>);
  let variables: unknown = fields.variables ?? null;
  if (typeof variables === "string") {
    try {
      variables = JSON.parse(variables) as unknown;
    } catch {
      variables = undefined;
    }
  }
  return {
    query: typeof fields.query === "string" ? fields.query : null,
    operationName: typeof fields.operationName === "string" ? fields.operationName : null,
    variables: isObject(variables) ? variables : null,
    variablesOk: variables === null || isObject(variables),
  };
}

interface Page {
  status: number;
  headers: HeaderMap;
  text: string;
  /** The answer's data when it has no error; null otherwise. */
  data: Record<string, unknown> | null;
}

export interface CsvOptions {
  apollo: ApolloServer<ServerContext>;
  /** The schema that Apollo serves (the role's). */
  schema: GraphQLSchema;
  context: (args: { req: express.Request; res: express.Response }) => Promise<ServerContext>;
  audit: RequestAudit;
  logger: Logger;
  /** The JSON handler, for every request that does not ask for CSV and every error. */
  json: express.RequestHandler;
}

export function csvAnswers(options: CsvOptions): express.RequestHandler {
  const { apollo, schema, audit, logger, json } = options;

  return async (req, res, next) => {
    // The same URL answers JSON or CSV by the Accept header: a cache must keep them apart.
    res.vary("Accept");
    if (!wantsCsv(req)) return json(req, res, next);
    const asJson = () => {
      req.headers.accept = "application/json";
      return json(req, res, next);
    };
    const state = requestOf(res);
    const sent = sentOf(req);
    if (sent.query === null || !sent.variablesOk) return asJson();
    let document;
    try {
      document = parse(sent.query, { maxTokens: LIMITS.tokens });
    } catch {
      return asJson();
    }
    if (validate(schema, document).length > 0) return asJson();
    const operation = getOperationAST(document, sent.operationName ?? undefined);
    if (!operation) return asJson();
    const refuse = (message: string) =>
      audit.refuse(req, res, 406, { errors: [{ message, extensions: { code: "BAD_USER_INPUT", requestId: state.id } }] }).catch(next);
    if (operation.operation !== "query") return refuse(`CSV answers queries only; this operation is a ${operation.operation}. Ask for JSON.`);
    let table: Table;
    try {
      table = tableOf(schema, document, operation);
    } catch (error) {
      if (error instanceof NotATable) return refuse(error.message);
      return next(error);
    }
    const query = print(table.document);
    const operationName = operation.name?.value ?? null;

    const run = async (pageAt: string | number | null): Promise<Page> => {
      const variables = { ...sent.variables, ...(table.paging ? { [PAGE_VARIABLE]: pageAt } : {}) };
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      headers.set("accept", "application/json");
      const fields = { query, variables, ...(operationName ? { operationName } : {}) };
      const httpGraphQLRequest: HTTPGraphQLRequest =
        req.method === "GET"
          ? {
              method: "GET",
              headers,
              search: `?${new URLSearchParams({ query, variables: JSON.stringify(variables), ...(operationName ? { operationName } : {}) }).toString()}`,
              body: undefined,
            }
          : { method: "POST", headers, search: "", body: fields };
      state.seen.outcome = undefined;
      const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => options.context({ req, res }) });
      let text = "";
      if (response.body.kind === "complete") text = response.body.string;
      else for await (const chunk of response.body.asyncIterator) text += chunk;
      let data: Record<string, unknown> | null = null;
      try {
        const parsed = JSON.parse(text) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
        noteErrors(state, parsed.errors);
        if (!parsed.errors?.length && isObject(parsed.data)) data = parsed.data;
      } catch {
        state.seen.outcome = "INTERNAL";
      }
      return { status: response.status ?? 200, headers: response.headers, text, data };
    };

    /** Where the next page starts, or null when this one was the last. */
    const nextAt = (page: Record<string, unknown>, at: string | number | null, rows: number): string | number | null => {
      if (!table.paging || rows === 0) return null;
      let owner: unknown = page;
      for (const key of table.listPath.slice(0, -1)) owner = isObject(owner) ? owner[key] : undefined;
      const more = isObject(owner) ? owner[PAGE_ALIAS] : undefined;
      if (table.paging.kind === "cursor") {
        return isObject(more) && more.hasNextPage === true && typeof more.endCursor === "string" ? more.endCursor : null;
      }
      return more === true ? (typeof at === "number" ? at : 0) + rows : null;
    };

    /** Writes a chunk, waiting while the socket's buffer is full; false when the client has gone. */
    const write = async (chunk: string): Promise<boolean> => {
      if (res.destroyed) return false;
      if (!res.write(chunk)) await Promise.race([once(res, "drain"), once(res, "close")]);
      return !res.destroyed;
    };

    try {
      const first = await run(null);
      if (!first.data) {
        if (!(await audit.recordExecuted(req, res, first.status))) return audit.sendUnrecorded(res);
        for (const [key, value] of first.headers) res.setHeader(key, value);
        res.status(first.status).send(first.text);
        return;
      }
      if (!(await audit.recordExecuted(req, res, first.status))) return audit.sendUnrecorded(res);
      for (const [key, value] of first.headers) if (key !== "content-type" && key !== "content-length") res.setHeader(key, value);
      res.status(200);
      res.setHeader("Content-Type", CSV_TYPE);
      res.setHeader("Content-Disposition", `attachment; filename="${operationName ?? "scr-atlas"}.csv"`);
      let rows = rowsOf(table, first.data);
      let at = nextAt(first.data, null, rows.length);
      if (!(await write(headerText(table) + rowsText(rows)))) return;
      while (at !== null) {
        const page = await run(at);
        if (!page.data || !(await audit.recordExecuted(req, res, page.status))) {
          logger.warn("a CSV export was cut: a later page failed or could not be recorded", { requestId: state.id, status: page.status });
          res.destroy();
          return;
        }
        rows = rowsOf(table, page.data);
        at = nextAt(page.data, at, rows.length);
        if (!(await write(rowsText(rows)))) return;
      }
      res.end();
    } catch (error) {
      if (!res.headersSent) return next(error);
      logger.error("a CSV export failed after it began", { requestId: state.id, message: error instanceof Error ? error.message : String(error) });
      res.destroy();
    }
  };
}
