// The plugin's own version, from its package.json, for bag-info.txt.
import fs from 'node:fs';

let cached: string | undefined;

export function toolVersion(): string {
  cached ??= (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
  return cached;
}
