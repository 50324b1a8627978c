// The rule packs shipped in config/rule-packs, parsed by the domain core, for tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRulePacks } from '../src/domain/cmeDomain.ts';
import type { RulePackRecord, RuleRecord } from '../src/domain/cmeDomain.ts';

const PACK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/rule-packs');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(PACK_DIR, file), 'utf8')).records;

export const PACKS = parseRulePacks(
  read('CME_Rule_Pack__c.json') as RulePackRecord[],
  read('CME_Rule__c.json') as RuleRecord[],
);
