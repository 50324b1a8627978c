// Saves the local org as an sf CLI auth (in $HOME/.sfdx, like `sf org login access-token`), so
// `--target-org ALIAS` works at once for the official CLI and for our plugin.
import { AuthInfo, StateAggregator } from '@salesforce/core';

export async function registerAlias(alias: string, instanceUrl: string, accessToken: string): Promise<string> {
  const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } });
  await authInfo.save();
  await authInfo.handleAliasAndDefaultSettings({ alias, setDefault: false, setDefaultDevHub: false });
  // The CLI caches aliases per process; clear so a later call in this process sees the new one.
  StateAggregator.clearInstance();
  return authInfo.getUsername();
}
