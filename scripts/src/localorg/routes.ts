// How the local org's resources add their routes: each resource module (records, describe, queries,
// Bulk API, UI API, GraphQL, approvals, admin) registers what it answers through a RouteRegistrar,
// so the server knows the table, not the resources' paths.
import type { ApiRequest, ApiResponse } from './http.ts';

/** A route handler gets the request and the captured path parameters. */
export type RouteHandler<Req = ApiRequest> = (req: Req, params: string[]) => ApiResponse | Promise<ApiResponse>;

/** How a resource adds a route: method, path pattern (a regex source, after /services/data/vXX.X/), handler. */
export type RouteRegistrar<Req = ApiRequest> = (method: string, pattern: string, handler: RouteHandler<Req>) => void;

/** Path pattern pieces: an object or field API name, and any one path segment. */
export const API_NAME = '([A-Za-z0-9_]+)';
export const SEGMENT = '([^/]+)';

/** What a path leads to: a handler and its parameters, or `wrongMethod` when only other methods answer it. */
export type RouteMatch<Req> = { handler: RouteHandler<Req>; params: string[] } | 'wrongMethod' | undefined;

/** The route table: patterns are tried in the order they were added, the first whole-path match wins. */
export class Router<Req = ApiRequest> {
  readonly #routes: [string, RegExp, RouteHandler<Req>][] = [];

  /** Adds a route; pass `router.add` to a resource's registerRoutes. */
  readonly add: RouteRegistrar<Req> = (method, pattern, handler) => {
    this.#routes.push([method, new RegExp(`^${pattern}$`), handler]);
  };

  find(method: string, path: string): RouteMatch<Req> {
    let pathMatched = false;
    for (const [routeMethod, regex, handler] of this.#routes) {
      const m = regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (routeMethod === method) return { handler, params: m.slice(1) };
    }
    return pathMatched ? 'wrongMethod' : undefined;
  }
}
