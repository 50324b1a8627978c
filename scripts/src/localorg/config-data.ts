// Loads the package's configuration data (config/rule-packs: an sObject Tree plan) into the local
// org, upserting on each object's external id so that loading twice changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { Engine, WriteContext } from './engine.ts';
import { SfError } from './errors.ts';

interface TreeRecord {
  attributes: { type: string; referenceId: string };
  [field: string]: unknown;
}

/** The external id each configuration object is upserted on. */
const UPSERT_KEYS: Record<string, string> = { CME_Rule_Pack__c: 'Code__c', CME_Rule__c: 'Rule_Key__c' };

export interface LoadSummary {
  created: number;
  updated: number;
}

export function loadPlan(engine: Engine, planFile: string, ctx: WriteContext): LoadSummary {
  const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { sobject: string; files: string[] }[];
  const ids = new Map<string, string>();
  const summary: LoadSummary = { created: 0, updated: 0 };
  engine.transaction(() => {
    for (const step of plan) {
      const key = UPSERT_KEYS[step.sobject];
      if (!key) throw new SfError('INVALID_TYPE', `No upsert key is known for ${step.sobject} in ${planFile}`);
      for (const file of step.files) {
        const { records } = JSON.parse(fs.readFileSync(path.join(path.dirname(planFile), file), 'utf8')) as {
          records: TreeRecord[];
        };
        for (const record of records) {
          const { attributes, ...values } = record;
          // `@ref` values name records created earlier in the plan, as sf data import tree resolves them.
          for (const [field, value] of Object.entries(values)) {
            if (typeof value === 'string' && value.startsWith('@')) {
              const id = ids.get(value.slice(1));
              if (!id)
                throw new SfError(
                  'INVALID_FIELD',
                  `${file}: ${field} refers to ${value}, which no earlier record defines`,
                );
              values[field] = id;
            }
          }
          const result = engine.upsert(step.sobject, key, String(values[key]), values, ctx);
          ids.set(attributes.referenceId, result.id);
          if (result.created) summary.created++;
          else summary.updated++;
        }
      }
    }
  });
  return summary;
}
