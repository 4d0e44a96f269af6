// Apollo Client 3 for the service: the cache knows which types implement `Node` and
// make up `SearchResult` (generated possibleTypes, so fragments on them match), and
// merges the pages of each cursor connection into one list; queries go over HTTP
// (GET, which the service caches), subscriptions over graphql-ws at /graphql/ws.
import { ApolloClient, HttpLink, InMemoryCache, split, type NormalizedCacheObject } from "@apollo/client/core";
import { setContext } from "@apollo/client/link/context";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition, relayStylePagination } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";

import introspection from "./generated/possible-types";

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: introspection.possibleTypes,
    typePolicies: {
      Query: {
        fields: {
          // One merged list per combination of these arguments; `first`, `after`,
          // `last` and `before` only page through it.
          articles: relayStylePagination(["lang", "filter", "orderBy"]),
          search: relayStylePagination(["query", "lang", "filter"]),
          meetings: relayStylePagination(["filter"]),
          participants: relayStylePagination(["filter"]),
        },
      },
      Article: { fields: { comments: relayStylePagination(["orderBy"]) } },
      Comment: { fields: { replies: relayStylePagination(["orderBy"]) } },
      Region: { fields: { articles: relayStylePagination(["lang", "orderBy"]) } },
      Tag: { fields: { articles: relayStylePagination(["orderBy"]) } },
    },
  });
}

export interface ClientOptions {
  /** The service's base address, e.g. `https://api.example.kz`. */
  baseUrl: string;
  /** The current access token, or null when anonymous; asked before every request. */
  accessToken?: () => string | null;
}

export function createApolloClient(options: ClientOptions): ApolloClient<NormalizedCacheObject> {
  const token = options.accessToken ?? (() => null);
  const auth = setContext((_, { headers }) => {
    const value = token();
    return { headers: value ? { ...headers, Authorization: `Bearer ${value}` } : headers };
  });
  const http = new HttpLink({ uri: `${options.baseUrl}/graphql`, useGETForQueries: true });
  const ws = new GraphQLWsLink(
    createClient({
      url: `${options.baseUrl.replace(/^http/, "ws")}/graphql/ws`,
      // A signed-in socket sends its token in connection_init; the service closes it
      // with 4403 when that token expires, and graphql-ws reconnects with a fresh one.
      connectionParams: () => {
        const value = token();
        return value ? { Authorization: `Bearer ${value}` } : {};
      },
    }),
  );
  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    ws,
    auth.concat(http),
  );
  return new ApolloClient({ link, cache: createCache() });
}
