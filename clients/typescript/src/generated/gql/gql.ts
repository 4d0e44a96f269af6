/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation AddComment($input: AddCommentInput!) {\n  addComment(input: $input) {\n    comment {\n      ...CommentView\n      status\n      parent {\n        id\n      }\n      article {\n        id\n        commentCount\n      }\n    }\n  }\n}": typeof types.AddCommentDocument,
    "query ArticlePage($slug: String!, $lang: Language!, $first: Int = 20, $after: String) {\n  article(slug: $slug, lang: $lang) {\n    ...ArticleCard\n    body\n    source\n    commentsOpen\n    quotes {\n      id\n      kind\n      text\n      participant {\n        id\n        fullName(lang: $lang)\n      }\n    }\n    translations {\n      id\n      lang\n      slug\n      url\n      title\n    }\n    comments(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...CommentView\n          replies(first: 5) {\n            edges {\n              cursor\n              node {\n                ...CommentView\n              }\n            }\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.ArticlePageDocument,
    "subscription CommentAdded($articleId: ID!) {\n  commentAdded(articleId: $articleId) {\n    ...CommentView\n    parent {\n      id\n    }\n  }\n}": typeof types.CommentAddedDocument,
    "fragment ArticleCard on Article {\n  id\n  slug\n  lang\n  url\n  title\n  lead\n  publishedAt\n  coverImage {\n    url\n    alt\n  }\n  region {\n    id\n    code\n    name(lang: $lang)\n  }\n  tags {\n    id\n    slug\n    name\n  }\n  author {\n    id\n    displayName\n  }\n  participants {\n    id\n    slug\n    fullName(lang: $lang)\n    position\n  }\n  commentCount\n}\n\nfragment CommentView on Comment {\n  id\n  authorName\n  website\n  body\n  depth\n  createdAt\n}": typeof types.ArticleCardFragmentDoc,
    "query FrontPage($lang: Language!, $first: Int = 20, $after: String) {\n  articles(lang: $lang, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...ArticleCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.FrontPageDocument,
    "query Search($query: String!, $lang: Language!, $kinds: [SearchKind!], $first: Int = 20, $after: String) {\n  search(\n    query: $query\n    lang: $lang\n    filter: {kinds: $kinds}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      cursor\n      rank\n      snippet\n      node {\n        __typename\n        ... on Article {\n          ...ArticleCard\n        }\n        ... on Meeting {\n          id\n          slug\n          title\n          heldOn\n          kind\n          region {\n            id\n            code\n            name(lang: $lang)\n          }\n        }\n        ... on Participant {\n          id\n          slug\n          fullName(lang: $lang)\n          position\n          organization\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.SearchDocument,
};
const documents: Documents = {
    "mutation AddComment($input: AddCommentInput!) {\n  addComment(input: $input) {\n    comment {\n      ...CommentView\n      status\n      parent {\n        id\n      }\n      article {\n        id\n        commentCount\n      }\n    }\n  }\n}": types.AddCommentDocument,
    "query ArticlePage($slug: String!, $lang: Language!, $first: Int = 20, $after: String) {\n  article(slug: $slug, lang: $lang) {\n    ...ArticleCard\n    body\n    source\n    commentsOpen\n    quotes {\n      id\n      kind\n      text\n      participant {\n        id\n        fullName(lang: $lang)\n      }\n    }\n    translations {\n      id\n      lang\n      slug\n      url\n      title\n    }\n    comments(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...CommentView\n          replies(first: 5) {\n            edges {\n              cursor\n              node {\n                ...CommentView\n              }\n            }\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.ArticlePageDocument,
    "subscription CommentAdded($articleId: ID!) {\n  commentAdded(articleId: $articleId) {\n    ...CommentView\n    parent {\n      id\n    }\n  }\n}": types.CommentAddedDocument,
    "fragment ArticleCard on Article {\n  id\n  slug\n  lang\n  url\n  title\n  lead\n  publishedAt\n  coverImage {\n    url\n    alt\n  }\n  region {\n    id\n    code\n    name(lang: $lang)\n  }\n  tags {\n    id\n    slug\n    name\n  }\n  author {\n    id\n    displayName\n  }\n  participants {\n    id\n    slug\n    fullName(lang: $lang)\n    position\n  }\n  commentCount\n}\n\nfragment CommentView on Comment {\n  id\n  authorName\n  website\n  body\n  depth\n  createdAt\n}": types.ArticleCardFragmentDoc,
    "query FrontPage($lang: Language!, $first: Int = 20, $after: String) {\n  articles(lang: $lang, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...ArticleCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.FrontPageDocument,
    "query Search($query: String!, $lang: Language!, $kinds: [SearchKind!], $first: Int = 20, $after: String) {\n  search(\n    query: $query\n    lang: $lang\n    filter: {kinds: $kinds}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      cursor\n      rank\n      snippet\n      node {\n        __typename\n        ... on Article {\n          ...ArticleCard\n        }\n        ... on Meeting {\n          id\n          slug\n          title\n          heldOn\n          kind\n          region {\n            id\n            code\n            name(lang: $lang)\n          }\n        }\n        ... on Participant {\n          id\n          slug\n          fullName(lang: $lang)\n          position\n          organization\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.SearchDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddComment($input: AddCommentInput!) {\n  addComment(input: $input) {\n    comment {\n      ...CommentView\n      status\n      parent {\n        id\n      }\n      article {\n        id\n        commentCount\n      }\n    }\n  }\n}"): (typeof documents)["mutation AddComment($input: AddCommentInput!) {\n  addComment(input: $input) {\n    comment {\n      ...CommentView\n      status\n      parent {\n        id\n      }\n      article {\n        id\n        commentCount\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ArticlePage($slug: String!, $lang: Language!, $first: Int = 20, $after: String) {\n  article(slug: $slug, lang: $lang) {\n    ...ArticleCard\n    body\n    source\n    commentsOpen\n    quotes {\n      id\n      kind\n      text\n      participant {\n        id\n        fullName(lang: $lang)\n      }\n    }\n    translations {\n      id\n      lang\n      slug\n      url\n      title\n    }\n    comments(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...CommentView\n          replies(first: 5) {\n            edges {\n              cursor\n              node {\n                ...CommentView\n              }\n            }\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query ArticlePage($slug: String!, $lang: Language!, $first: Int = 20, $after: String) {\n  article(slug: $slug, lang: $lang) {\n    ...ArticleCard\n    body\n    source\n    commentsOpen\n    quotes {\n      id\n      kind\n      text\n      participant {\n        id\n        fullName(lang: $lang)\n      }\n    }\n    translations {\n      id\n      lang\n      slug\n      url\n      title\n    }\n    comments(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...CommentView\n          replies(first: 5) {\n            edges {\n              cursor\n              node {\n                ...CommentView\n              }\n            }\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription CommentAdded($articleId: ID!) {\n  commentAdded(articleId: $articleId) {\n    ...CommentView\n    parent {\n      id\n    }\n  }\n}"): (typeof documents)["subscription CommentAdded($articleId: ID!) {\n  commentAdded(articleId: $articleId) {\n    ...CommentView\n    parent {\n      id\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ArticleCard on Article {\n  id\n  slug\n  lang\n  url\n  title\n  lead\n  publishedAt\n  coverImage {\n    url\n    alt\n  }\n  region {\n    id\n    code\n    name(lang: $lang)\n  }\n  tags {\n    id\n    slug\n    name\n  }\n  author {\n    id\n    displayName\n  }\n  participants {\n    id\n    slug\n    fullName(lang: $lang)\n    position\n  }\n  commentCount\n}\n\nfragment CommentView on Comment {\n  id\n  authorName\n  website\n  body\n  depth\n  createdAt\n}"): (typeof documents)["fragment ArticleCard on Article {\n  id\n  slug\n  lang\n  url\n  title\n  lead\n  publishedAt\n  coverImage {\n    url\n    alt\n  }\n  region {\n    id\n    code\n    name(lang: $lang)\n  }\n  tags {\n    id\n    slug\n    name\n  }\n  author {\n    id\n    displayName\n  }\n  participants {\n    id\n    slug\n    fullName(lang: $lang)\n    position\n  }\n  commentCount\n}\n\nfragment CommentView on Comment {\n  id\n  authorName\n  website\n  body\n  depth\n  createdAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FrontPage($lang: Language!, $first: Int = 20, $after: String) {\n  articles(lang: $lang, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...ArticleCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query FrontPage($lang: Language!, $first: Int = 20, $after: String) {\n  articles(lang: $lang, first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        ...ArticleCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Search($query: String!, $lang: Language!, $kinds: [SearchKind!], $first: Int = 20, $after: String) {\n  search(\n    query: $query\n    lang: $lang\n    filter: {kinds: $kinds}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      cursor\n      rank\n      snippet\n      node {\n        __typename\n        ... on Article {\n          ...ArticleCard\n        }\n        ... on Meeting {\n          id\n          slug\n          title\n          heldOn\n          kind\n          region {\n            id\n            code\n            name(lang: $lang)\n          }\n        }\n        ... on Participant {\n          id\n          slug\n          fullName(lang: $lang)\n          position\n          organization\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Search($query: String!, $lang: Language!, $kinds: [SearchKind!], $first: Int = 20, $after: String) {\n  search(\n    query: $query\n    lang: $lang\n    filter: {kinds: $kinds}\n    first: $first\n    after: $after\n  ) {\n    edges {\n      cursor\n      rank\n      snippet\n      node {\n        __typename\n        ... on Article {\n          ...ArticleCard\n        }\n        ... on Meeting {\n          id\n          slug\n          title\n          heldOn\n          kind\n          region {\n            id\n            code\n            name(lang: $lang)\n          }\n        }\n        ... on Participant {\n          id\n          slug\n          fullName(lang: $lang)\n          position\n          organization\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;