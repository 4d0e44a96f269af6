// GraphQL Code Generator: typed documents, possibleTypes and the persisted-operation
// manifest, all from the committed schema.graphql (never from a running service, so
// generation needs no network and the output follows the schema in the same commit).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: ["operations/**/*.graphql"],
  // An operation that no longer validates against the schema fails generation.
  emitLegacyCommonJSImports: false,
  generates: {
    "src/generated/gql/": {
      preset: "client",
      presetConfig: {
        // Plain fragments: the fields a fragment selects are on the result type.
        fragmentMasking: false,
        // persisted-documents.json: sha256 of each document's normalised text →
        // that text; each document also carries its hash in `__meta__.hash`.
        persistedDocuments: { hashAlgorithm: "sha256" },
      },
      config: {
        // RFC 3339 strings on the wire; `strictScalars` fails on a new scalar
        // without a mapping instead of typing it `any`.
        // Upload: a file sent by the GraphQL multipart request spec (a browser File or Blob).
        scalars: { Date: "string", DateTime: "string", Upload: "Blob" },
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
    "src/generated/possible-types.ts": {
      plugins: ["fragment-matcher"],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
  },
};

export default config;
