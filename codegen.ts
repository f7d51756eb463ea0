// GraphQL Code Generator, from the committed schema/schema.graphql: typed documents for every operation written
// with `graphql(...)` in the tests (test/gql), and for the atlas page's operations in web/atlas/operations
// (web/atlas/gql, as strings, so the page needs no GraphQL library at run time), with the manifest of those
// operations' SHA-256 hashes (web/atlas/gql/persisted-documents.json) that the server loads as its trusted
// documents (src/http/trusted-documents.ts). `npm run codegen` writes them all; `npm run check` fails when any
// is stale.
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
