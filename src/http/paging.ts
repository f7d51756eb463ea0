// Checks every connection's `first`/`last`/`after`/`before` in an operation before anything executes, so a
// page that is too large or ambiguous is refused with a clear error instead of being clamped or half-run.
import { type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, getArgumentValues } from "graphql";
import { checkPageArgs } from "../schema/common/connections";
import { eachField } from "../schema/common/operation";

export function checkPaging(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  eachField(schema, document, operation, (field, node) => {
    if (field.args.some((a) => a.name === "first" || a.name === "last")) checkPageArgs(getArgumentValues(field, node, variables));
  });
}
