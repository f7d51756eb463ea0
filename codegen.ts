// GraphQL Code Generator: typed documents for every operation written with `graphql(...)` in the tests, from
// the committed schema/schema.graphql. `npm run codegen` writes test/gql; `npm run check` fails when stale.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["test/**/*.ts", "!test/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "test/gql/": {
      preset: "client",
      config: {
        scalars: { Date: "string", DateTime: "string" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
