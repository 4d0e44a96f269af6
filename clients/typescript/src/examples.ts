// How the generated documents and types are used; type-checked with the rest, so an
// operation or a REST shape that changes under them fails `tsc`.
import type { ApolloClient, NormalizedCacheObject } from "@apollo/client/core";

import {
  AddCommentDocument,
  ArticlePageDocument,
  CommentAddedDocument,
  FrontPageDocument,
  SearchDocument,
  type ArticleCardFragment,
  type CommentViewFragment,
  type Language,
} from "./generated/gql/graphql";
import type { components, operations } from "./generated/openapi";

type Client = ApolloClient<NormalizedCacheObject>;

/** The headlines of the front page, then the next page merged into the same list. */
export async function frontPage(client: Client, lang: Language): Promise<ArticleCardFragment[]> {
  const { data } = await client.query({ query: FrontPageDocument, variables: { lang, first: 20 } });
  const page = data.articles;
  if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
    await client.query({ query: FrontPageDocument, variables: { lang, after: page.pageInfo.endCursor } });
  }
  return page.edges.map((edge) => edge.node);
}

/** An article page, or null when no article has that slug in that language. */
export async function articlePage(client: Client, slug: string, lang: Language) {
  const { data } = await client.query({ query: ArticlePageDocument, variables: { slug, lang } });
  const article = data.article;
  if (!article) return null;
  const comments: CommentViewFragment[] = article.comments.edges.flatMap((edge) => [
    edge.node,
    ...edge.node.replies.edges.map((reply) => reply.node),
  ]);
  return { title: article.title, body: article.body, open: article.commentsOpen, comments };
}

/** One line per hit: the union narrows on `__typename`. */
export async function search(client: Client, query: string, lang: Language): Promise<string[]> {
  const { data } = await client.query({ query: SearchDocument, variables: { query, lang, kinds: ["ARTICLE", "PARTICIPANT"] } });
  return data.search.edges.map(({ node, snippet }) => {
    switch (node.__typename) {
      case "Article":
        return `${node.title} (${node.region?.name ?? "Kazakhstan"}): ${snippet}`;
      case "Meeting":
        return `${node.title}, ${node.heldOn}`;
      case "Participant":
        return `${node.fullName}, ${node.position ?? ""}`;
    }
  });
}

/** Posts a comment; it is usually PENDING until a moderator approves it. */
export async function leaveReply(client: Client, articleId: string, authorName: string, authorEmail: string, body: string) {
  const { data } = await client.mutate({
    mutation: AddCommentDocument,
    variables: { input: { articleId, authorName, authorEmail, body, idempotencyKey: crypto.randomUUID() } },
  });
  return data?.addComment.comment.status;
}

/** Calls `onComment` for each comment approved on the article while subscribed. */
export function followComments(client: Client, articleId: string, onComment: (comment: CommentViewFragment) => void) {
  return client.subscribe({ query: CommentAddedDocument, variables: { articleId } }).subscribe({
    next: ({ data }) => {
      if (data) onComment(data.commentAdded);
    },
  });
}

/** The REST list of articles, typed from openapi/openapi.json. */
export async function restArticles(
  baseUrl: string,
  query: NonNullable<operations["listArticles"]["parameters"]["query"]>,
): Promise<components["schemas"]["ArticleList"]> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(key, String(value));
  const response = await fetch(`${baseUrl}/api/v1/articles?${params}`);
  if (!response.ok) {
    const problem = (await response.json()) as components["schemas"]["Problem"];
    throw new Error(`${problem.title}: ${problem.detail ?? ""}`);
  }
  return (await response.json()) as components["schemas"]["ArticleList"];
}
