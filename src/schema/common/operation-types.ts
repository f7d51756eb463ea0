// A validation rule: a mutation sent with a key whose schema has none (a research partner's) is refused with
// its reason before anything runs; graphql-js itself only notices at execution, with an error that is not
// written for clients. (Subscriptions, which no schema offers, are refused by src/http/input.ts.)
import { GraphQLError, type ValidationRule } from "graphql";

export const SupportedOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== "mutation" || context.getSchema().getMutationType()) return;
    context.reportError(new GraphQLError("This key's schema has no mutation operations: writes need a STEWARD or ADMIN key.", { nodes: [node] }));
  },
});
