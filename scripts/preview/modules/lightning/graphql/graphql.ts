// lightning/graphql for the preview, over the local org's ui-api/graphql endpoint. It exports what
// sfdx-lwc-jest's official stub exports (src/lightning-stubs/graphql/graphql.js): `graphql` and `gql`.
// Each emitted result carries `refresh`, which re-runs that wire's query (the stub's third emit
// argument; lwc-recipes graphqlRefresh calls it). `refreshGraphQL` belongs to the older
// lightning/uiGraphQLApi and is not exported here.
import { RefreshingAdapter, apiFetch } from 'preview/lds';

interface GraphqlConfig {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

interface GraphqlResult {
  data?: unknown;
  errors?: unknown;
  refresh?: () => Promise<void>;
}

/** The tag keeps the query text; the endpoint parses it. */
export function gql(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
}

export class graphql extends RefreshingAdapter<GraphqlConfig, GraphqlResult> {
  // A GraphQL result is re-run only through its `refresh` (lwc-recipes graphqlRefresh calls it after a
  // change; a list does not gain a record created meanwhile without it). Re-running it on every record
  // write, as the getRecord stand-in does, would hide a component that forgets to refresh. (Real LDS
  // may also update an edited record inside a cached result in place; that is not emulated.)
  connect(): void {}

  protected ready(config: GraphqlConfig): boolean {
    return !!config.query;
  }

  protected async load(config: GraphqlConfig): Promise<GraphqlResult> {
    const body = (await apiFetch('ui-api/graphql', {
      method: 'POST',
      body: JSON.stringify({
        query: config.query,
        variables: config.variables ?? {},
        operationName: config.operationName,
      }),
    })) as { data: unknown; errors: unknown[] };
    const refresh = () => this.refresh();
    if (body.errors?.length) return { data: undefined, errors: body.errors, refresh };
    return { data: body.data, errors: undefined, refresh };
  }

  protected failed(error: unknown): GraphqlResult {
    return { data: undefined, errors: [error], refresh: () => this.refresh() };
  }
}
