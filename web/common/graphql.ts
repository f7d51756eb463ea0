// One GraphQL request to this server's /graphql (same origin), with the key as `Authorization: Bearer`.
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
