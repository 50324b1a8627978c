// Runs a local org in the foreground: start, print how to connect, register the sf alias, and stop
// cleanly (committed data kept) on Ctrl-C or SIGTERM. Used by `npm run org` and `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { LocalOrg } from './server.ts';
import type { LocalOrgOptions } from './server.ts';
import { registerAlias } from './register.ts';

export interface RunOptions extends LocalOrgOptions {
  /** sf CLI alias to register; none when undefined. */
  alias?: string;
  /** Work to do once the org is up (e.g. load data), before it reports ready. */
  onStarted?: (org: LocalOrg) => void | Promise<void>;
}

export async function runLocalOrg(options: RunOptions): Promise<LocalOrg> {
  if (options.database !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.database)), { recursive: true });
  const org = new LocalOrg(options);
  let url: string;
  try {
    url = await org.start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `error: port ${options.port} is in use; choose another with --port or CME_ORG_PORT`
        : `error: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  await options.onStarted?.(org);
  console.log(`CME local org running at ${url}`);
  console.log(`  database     ${options.database}`);
  console.log(`  username     ${org.identity.username}`);
  console.log(`  access token ${org.identity.accessToken}`);
  if (options.alias) {
    try {
      await registerAlias(options.alias, url, org.identity.accessToken);
      console.log(`  sf alias     ${options.alias}   (sf org display --target-org ${options.alias})`);
    } catch (error) {
      console.error(`  could not register the sf alias ${options.alias}: ${(error as Error).message}`);
    }
  }
  console.log('Press Ctrl-C to stop.');
  const stop = async (signal: string) => {
    console.log(`\n${signal}: stopping the local org…`);
    await org.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return org;
}
