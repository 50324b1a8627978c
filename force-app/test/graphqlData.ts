// GraphQL wire data built from plain nodes, in the shape lightning/graphql delivers a UI API query:
// `{ uiapi: { query: { <Object>: { edges: [{ node }], pageInfo } } } }`, each child relationship a
// connection of the same `edges`/`node` shape (Salesforce GraphQL API Developer Guide, "Query
// Objects" and "Pagination"). For the model tests that write a small response inline; the recorded
// responses stay JSON files beside each test. Like lwcTest.ts, neither a test nor covered nor deployed.

/** A connection of these nodes, with its pageInfo when a test needs one. */
export function connection<Node extends object>(
  nodes: readonly Node[],
  pageInfo?: { hasNextPage: boolean },
): { edges: { node: Node }[]; pageInfo?: { hasNextPage: boolean } } {
  return { edges: nodes.map((node) => ({ node })), ...(pageInfo ? { pageInfo } : {}) };
}

/** A query response holding one object's connection of these nodes. */
export function graphqlData<Node extends object>(
  objectName: string,
  nodes: readonly Node[],
  pageInfo?: { hasNextPage: boolean },
): { uiapi: { query: Record<string, ReturnType<typeof connection<Node>>> } } {
  return { uiapi: { query: { [objectName]: connection(nodes, pageInfo) } } };
}
