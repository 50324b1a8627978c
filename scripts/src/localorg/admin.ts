// The local org's admin resources under /__admin/ (no session needed): API-call statistics, fault
// injection, and the users and roles tests and benchmarks set up.
import type http from 'node:http';
import type { Engine } from './engine.ts';
import type { ApiCounter, FaultInjector, FaultOptions } from './faults.ts';
import { errorResponse, json, parseJsonBody, readBody } from './http.ts';
import type { ApiResponse } from './http.ts';
import type { RouteRegistrar } from './routes.ts';
import { ensureRole, ensureUser, listRoles, listUsers } from './users.ts';
import type { RoleSpec, UserSpec } from './users.ts';

export interface AdminOptions {
  engine: Engine;
  counter: ApiCounter;
  faults: FaultInjector;
  /** The org's admin user, who creates the users and roles asked for. */
  adminUserId: string;
}

/** The answer to an admin path (or method) nobody answers: the list of what exists. */
export const unknownAdminResource = (): ApiResponse =>
  json(404, [
    {
      errorCode: 'NOT_FOUND',
      message:
        'Unknown admin resource: GET /__admin/stats, POST /__admin/stats/reset, POST /__admin/faults, GET|POST /__admin/users, GET|POST /__admin/roles',
      fields: [],
    },
  ]);

/** Admin handlers read their own bodies: only the POSTs have one. */
export function registerAdminRoutes(route: RouteRegistrar<http.IncomingMessage>, options: AdminOptions): void {
  const { engine, counter, faults } = options;
  route('GET', '/__admin/stats', () =>
    json(200, {
      apiCalls: { total: counter.total, byKind: counter.byKind },
      faultsInjected: faults.injected,
      faults: faults.settings,
      // For benchmarks: resident memory now and the process's peak (maxRSS is in KiB).
      memory: { rssBytes: process.memoryUsage().rss, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
    }),
  );
  route('POST', '/__admin/stats/reset', () => {
    counter.reset();
    return json(204);
  });
  route('GET', '/__admin/users', () => json(200, listUsers(engine)));
  route('POST', '/__admin/users', async (req) => {
    const body = parseJsonBody(await readBody(req)) as UserSpec | undefined;
    if (!body?.username || !body.lastName || !body.firstName)
      return json(400, [
        { errorCode: 'REQUIRED_FIELD_MISSING', message: 'username, firstName and lastName are required', fields: [] },
      ]);
    try {
      return json(200, ensureUser(engine, body, { userId: options.adminUserId }));
    } catch (error) {
      return errorResponse(error);
    }
  });
  route('GET', '/__admin/roles', () => json(200, listRoles(engine)));
  route('POST', '/__admin/roles', async (req) => {
    const body = parseJsonBody(await readBody(req)) as RoleSpec | undefined;
    try {
      const id = ensureRole(engine, body ?? { developerName: '' }, { userId: options.adminUserId });
      return json(
        200,
        listRoles(engine).find((r) => r.id === id),
      );
    } catch (error) {
      return errorResponse(error);
    }
  });
  route('POST', '/__admin/faults', async (req) => {
    const body = parseJsonBody(await readBody(req)) as Partial<FaultOptions> | undefined;
    return json(200, faults.configure(body ?? {}));
  });
}
