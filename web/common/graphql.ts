// GraphQL requests to this server's /graphql (same origin), with the key as `Authorization: Bearer`: a document
// by POST, or a registered operation by its hash and GET (which the browser's cache may revalidate: 304).
export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

export async function postGraphQL<T>(
  body: { query: string; variables?: unknown; operationName?: string | null },
  key: string,
): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
  if (key !== "") headers.authorization = `Bearer ${key}`;
  const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify(body) });
  try {
    return (await response.json()) as GraphQLResult<T>;
  } catch {
    return { errors: [{ message: `The server answered ${response.status} ${response.statusText} without a GraphQL body.` }] };
  }
}

/**
 * A registered operation (the trusted-documents manifest) by its SHA-256 alone, by GET: a short URL, answered
 * with an ETag the browser revalidates. The header is the one Apollo's CSRF prevention asks of a GET.
 */
export async function getPersisted<T>(sha256Hash: string, variables: unknown, key: string): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { "apollo-require-preflight": "true", accept: "application/graphql-response+json, application/json" };
  if (key !== "") headers.authorization = `Bearer ${key}`;
  const search = new URLSearchParams({
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }),
    variables: JSON.stringify(variables ?? {}),
  });
  const response = await fetch(`/graphql?${search}`, { headers });
  try {
    return (await response.json()) as GraphQLResult<T>;
  } catch {
    return { errors: [{ message: `The server answered ${response.status} ${response.statusText} without a GraphQL body.` }] };
  }
}
