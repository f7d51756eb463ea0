// Step 7, inside Apollo once the operation is parsed and validated, on the whole operation before any resolver
// runs: its kind, the text of its arguments, page sizes, list items, relation filters, the periods the role may
// ask about, and the cost against the role's budget (both from src/domain/roles.ts). A refusal is a 400 (403 for
// FORBIDDEN). The same plugin logs the errors that are not the client's, puts the requestId on every error and
// reports the cost in the response's extensions.
import type { ApolloServerPlugin } from "@apollo/server";
import { LRUCache } from "lru-cache";
import { capabilitiesOf } from "../domain/roles";
import type { Logger } from "../logger";
import { checkOneFinancialYear } from "../schema/access/periods";
import { beforeExecution, CLIENT_CODES, DATABASE_UNAVAILABLE_MESSAGE, RETRY_AFTER_SECONDS } from "./errors";
import { checkArgumentText, checkOperationKind } from "./input";
import { checkPaging } from "./paging";
import { checkCost, checkListItems, checkRelationFilters, costOf } from "./query-limits";
import type { ServerContext } from "./request-state";

/**
 * Operations that passed every check below, with their cost. The checks read only the schema (one plugin per
 * schema), the document, the operation, the variables, the role and the lists' bounds, so the same request
 * sent again passes again with the same cost: it is not walked six more times. Refusals are not kept.
 */
const PASSED_OPERATIONS = 1000;
/** Characters of keys (mostly the variables' JSON) the kept operations may hold in all. */
const PASSED_KEY_CHARS = 4_000_000;

export function operationChecks(logger: Logger): ApolloServerPlugin<ServerContext> {
  const passed = new LRUCache<string, { cost: number | null }>({
    max: PASSED_OPERATIONS,
    maxSize: PASSED_KEY_CHARS,
    sizeCalculation: (_value, key) => Math.max(1, key.length),
  });
  const boundsNumbers = new WeakMap<object, number>();
  let lastBoundsNumber = 0;
  const passedKey = (queryHash: string | undefined, operationName: string | null | undefined, role: string, bounds: object, variables: unknown) => {
    if (queryHash === undefined) return null;
    let number = boundsNumbers.get(bounds);
    if (number === undefined) boundsNumbers.set(bounds, (number = ++lastBoundsNumber));
    return JSON.stringify([queryHash, operationName ?? null, role, number, variables ?? {}]);
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue, queryHash, operationName }) {
          if (!operation) return;
          const { viewer } = contextValue;
          const variables = request.variables;
          const key = passedKey(queryHash, operationName, viewer?.role ?? "", contextValue.listBounds, variables);
          const known = key === null ? undefined : passed.get(key);
          if (known) {
            if (known.cost !== null && viewer) contextValue.request.cost = { requested: known.cost, budget: capabilitiesOf(viewer.role).costBudget };
            return;
          }
          try {
            checkOperationKind(operation);
            checkArgumentText(schema, document, operation, variables);
            checkPaging(schema, document, operation, variables);
            checkListItems(schema, document, operation, variables);
            checkRelationFilters(schema, document, operation, variables);
            if (!viewer) {
              if (key !== null) passed.set(key, { cost: null });
              return;
            }
            const can = capabilitiesOf(viewer.role);
            if (can.periods === "oneFinancialYear") checkOneFinancialYear(schema, document, operation, variables, viewer.role);
            let cost: number | null = null;
            try {
              cost = costOf(schema, document, operation, variables, contextValue);
            } catch {
              // Variables that do not fit the operation: execution refuses them with the reason, before any resolver.
            }
            if (cost !== null) {
              contextValue.request.cost = { requested: cost, budget: can.costBudget };
              checkCost(cost, viewer.role);
            }
            if (key !== null) passed.set(key, { cost });
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
          const { cost } = contextValue.request;
          if (cost) result.extensions = { ...result.extensions, cost };
          // The database went away while the request ran (a key verified moments before skips the lookup that
          // would have said so): the status says "try again", as it does before execution.
          const errors = result.errors ?? [];
          if (errors.length > 0 && errors.every((e) => e.message === DATABASE_UNAVAILABLE_MESSAGE)) {
            response.http.status = 503;
            response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
