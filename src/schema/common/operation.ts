// Walks an operation before it runs, for the checks that must see all of it at once (page sizes, list items,
// a research partner's periods): every field of the operation and of the document's fragments, with its
// definition in the schema.
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";

type Visited = { field: GraphQLField<unknown, unknown>; node: FieldNode }[];

/**
 * The fields of an operation, walked once per operation and schema: four checks of every request (argument
 * text, paging, list items, a partner's periods) visit them, and the walk with its type information is the
 * costly part. Kept with the operation's node, so it goes with the parsed document (Apollo keeps the recent
 * ones, so a document sent again is not walked again).
 */
const walked = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; document: DocumentNode; fields: Visited }>();

export function eachField(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  visitor: (field: GraphQLField<unknown, unknown>, node: FieldNode) => void,
): void {
  let known = walked.get(operation);
  if (!known || known.schema !== schema || known.document !== document) {
    known = { schema, document, fields: fieldsOf(schema, document, operation) };
    walked.set(operation, known);
  }
  for (const { field, node } of known.fields) visitor(field, node);
}

function fieldsOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Visited {
  const fields: Visited = [];
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const root of [operation, ...fragments]) {
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const field = typeInfo.getFieldDef();
          if (field) fields.push({ field, node });
        },
      }),
    );
  }
  return fields;
}
