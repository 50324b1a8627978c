// The local Lightning preview's web server: the page (SLDS + the bundle), SLDS assets, and a proxy
// from the browser's same-origin `/services/...` calls to the local org, signed with the session of
// the user the picker chose (a cookie), so LDS calls reach the org as that user.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readBody } from '../localorg/http.ts';
import type { LocalOrg } from '../localorg/server.ts';
import { DEMO_USERS, ensureUser, listUsers } from '../localorg/users.ts';
import type { OrgUser } from '../localorg/users.ts';

export interface PreviewServerOptions {
  root: string;
  org: LocalOrg;
  /** The built bundle's folder (.preview). */
  bundleDir: string;
  port: number;
  host?: string;
  /** Username the preview acts as until the picker says otherwise (default the field rep). */
  defaultUsername?: string;
}

export interface PreviewServer {
  url: string;
  users: OrgUser[];
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.html': 'text/html; charset=utf-8',
};

function sendFile(res: http.ServerResponse, file: string): void {
  fs.stat(file, (error, stat) => {
    if (error || !stat.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
    });
    fs.createReadStream(file).pipe(res);
  });
}

function cookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v ?? '');
  }
  return undefined;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { org } = options;
  for (const spec of DEMO_USERS) ensureUser(org.engine, spec, { userId: org.identity.userId });
  const users = () => listUsers(org.engine);
  const defaultUser = () =>
    users().find((u) => u.username === (options.defaultUsername ?? 'rep@cme.local')) ?? users()[0];
  const userOf = (req: http.IncomingMessage) => {
    const chosen = cookie(req, 'cme_preview_user');
    return users().find((u) => u.id === chosen) ?? defaultUser();
  };
  const slds = path.join(options.root, 'node_modules/@salesforce-ux/design-system/assets');

  const page = (user: OrgUser) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CME Manager — local Lightning preview</title>
<link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css">
<script>globalThis.CME_PREVIEW = ${JSON.stringify({
    userId: user.id,
    users: users().map((u) => ({ id: u.id, name: u.name, title: u.title })),
  }).replace(/</g, '\\u003c')};</script>
</head>
<body class="slds-scope">
<div id="app" aria-label="${escapeHtml('CME Manager')}"></div>
<script type="module" src="/app.js"></script>
</body>
</html>`;

  const proxy = async (req: http.IncomingMessage, res: http.ServerResponse, user: OrgUser) => {
    const request = await readBody(req);
    const upstream = await fetch(`${org.instanceUrl}${req.url ?? '/'}`, {
      method: req.method,
      headers: {
        Authorization: `Bearer ${user.accessToken}`,
        'Content-Type': req.headers['content-type'] ?? 'application/json',
      },
      body: request || undefined,
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    res
      .writeHead(upstream.status, { 'Content-Type': upstream.headers.get('content-type') ?? 'application/json' })
      .end(body);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    const route = async () => {
      if (url.pathname.startsWith('/services/')) return proxy(req, res, userOf(req));
      if (url.pathname === '/preview/session' && req.method === 'POST') {
        const { userId } = JSON.parse((await readBody(req)) || '{}') as { userId?: string };
        const user = users().find((u) => u.id === userId);
        if (!user)
          return void res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`Unknown user ${String(userId)}`);
        res.writeHead(204, { 'Set-Cookie': `cme_preview_user=${user.id}; Path=/; SameSite=Strict` }).end();
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html')
        return void res
          .writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' })
          .end(page(userOf(req)));
      if (url.pathname === '/app.js') return sendFile(res, path.join(options.bundleDir, 'app.js'));
      if (url.pathname.startsWith('/assets/')) {
        const file = path.normalize(path.join(slds, url.pathname.slice('/assets/'.length)));
        if (!file.startsWith(slds)) return void res.writeHead(403).end();
        return sendFile(res, file);
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    };
    route().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`Preview error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}/`,
    users: users(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
