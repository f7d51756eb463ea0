// GraphQL Code Generator, from the committed schema/schema.graphql: typed documents for every operation written
// with `graphql(...)` in the tests (test/gql), and for the atlas page's operations in web/atlas/operations
// (web/atlas/gql, as strings, so the page needs no GraphQL library at run time). `npm run codegen` writes both;
// `npm run check` fails when either is stale.
import type { CodegenConfig } from "@graphql-codegen/cli";

const scalars = { Date: "string", DateTime: "string" };

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  ignoreNoDocuments: false,
  generates: {
    "test/gql/": {
      documents: ["test/**/*.ts", "!test/gql/**"],
      preset: "client",
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
      presetConfig: { fragmentMasking: false },
    },
    "web/atlas/gql/": {
      documents: ["web/atlas/operations/*.graphql"],
      preset: "client",
      config: { scalars, enumsAsTypes: true, useTypeImports: true, documentMode: "string" },
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
    },
  },
};

export default config;
