import fs from 'node:fs';
import { Messages, SfError } from '@salesforce/core';
import type { Connection } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { bulkThresholdFlag } from '../../report/flags.ts';
import { parseRulePacks } from '../../domain/cmeDomain.ts';
import type { RulePack } from '../../domain/cmeDomain.ts';
import { parseSeedPlan } from '../../schema/seedPlan.ts';
import type { SeedPlan } from '../../schema/seedPlan.ts';
import { generateSeedData } from '../../seed/generate.ts';
import type { PlantedProblem, SeedData } from '../../seed/generate.ts';
import type { PlantedDisclosureProblem } from '../../seed/disclosureProblems.ts';
import { addressCodes, withAddressCodes } from '../../seed/address.ts';
import type { DescribeFields } from '../../seed/address.ts';
import { EVENT_OWNERS_SOQL, assignEventOwners, eventOwnersFrom } from '../../seed/owners.ts';
import type { EventOwner } from '../../seed/owners.ts';
import { LOAD_ORDER, loadSeedData } from '../../seed/load.ts';
import type { ObjectLoadResult } from '../../seed/load.ts';
import { connectionOrg, countApiCalls } from '../../seed/connectionOrg.ts';
import { OrgApi } from '../../org/api.ts';
import { readRulePackRecords } from '../../org/rulePacks.ts';
import type { RulePackRecords } from '../../org/rulePacks.ts';
import { isMissingPackage } from '../../report/errors.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@cme/plugin-cme', 'cme.seed');

export interface CmeSeedResult {
  plan: SeedPlan;
  dryRun: boolean;
  /** Per object: created, updated, unchanged and failed counts, with the Salesforce message of each failure. */
  objects: ObjectLoadResult[];
  /** The deliberate compliance problems in the data, by rule and event external id. */
  planted: PlantedProblem[];
  /**
   * The deliberate disclosure problems (an invalid NPI, a missing street, a payment under the Open Payments
   * threshold, an EU recipient without consent): kind, standard, year, doctor, event and expense line.
   */
  plantedDisclosure: PlantedDisclosureProblem[];
  /** API calls the command made: REST reads and collections upserts, and Bulk API 2.0 jobs above --bulk-threshold. */
  apiCalls: number;
  /**
   * Usernames that own the seeded events, round robin (holders of CME_Field_Rep or CME_Event_Manager);
   * empty when the org has none and the running user owns them.
   */
  eventOwners: string[];
  /** `codes`: the org has State and Country/Territory Picklists and the seed wrote the code fields. */
  addressFields: 'codes' | 'text';
}

export default class CmeSeed extends SfCommand<CmeSeedResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    doctors: Flags.integer({ summary: messages.getMessage('flags.doctors.summary') }),
    events: Flags.integer({ summary: messages.getMessage('flags.events.summary') }),
    seed: Flags.integer({ summary: messages.getMessage('flags.seed.summary') }),
    from: Flags.string({ summary: messages.getMessage('flags.from.summary') }),
    months: Flags.integer({ summary: messages.getMessage('flags.months.summary') }),
    plan: Flags.file({ summary: messages.getMessage('flags.plan.summary'), exists: true }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), default: false }),
    'bulk-threshold': bulkThresholdFlag(messages, 2_000),
  };

  public async run(): Promise<CmeSeedResult> {
    const { flags } = await this.parse(CmeSeed);
    const plan = this.resolvePlan(flags);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const api = countApiCalls(conn);
    const bulkApi = new OrgApi(conn);
    const packs = await readRulePacks(bulkApi);
    const owners = await this.readEventOwners(conn);
    const { data, addressFields } = await withOrgShape(conn, generateSeedData(plan, packs), owners);
    this.log(messages.getMessage(addressFields === 'codes' ? 'info.addressCodes' : 'info.addressText'));
    this.log(
      messages.getMessage('info.plan', [
        plan.doctors,
        data.accounts.length,
        plan.events,
        plan.from,
        plan.months,
        plan.seed,
        data.planted.length,
        data.plantedDisclosure.length,
      ]),
    );
    if (flags['dry-run']) {
      const objects = LOAD_ORDER.map((step) => ({
        object: step.object,
        created: 0,
        updated: 0,
        unchanged: 0,
        failed: 0,
        failures: [],
        planned: step.pick(data).length,
      }));
      this.table({ data: objects.map((o) => ({ object: o.object, records: o.planned })) });
      return {
        plan,
        dryRun: true,
        objects: objects.map((o) => ({
          object: o.object,
          created: 0,
          updated: 0,
          unchanged: 0,
          failed: 0,
          failures: [],
        })),
        planted: data.planted,
        plantedDisclosure: data.plantedDisclosure,
        apiCalls: api.calls + bulkApi.calls,
        eventOwners: owners.map((o) => o.username),
        addressFields,
      };
    }
    const total = LOAD_ORDER.reduce((n, step) => n + step.pick(data).length, 0);
    const doneBefore = new Map<string, number>();
    let done = 0;
    this.progress.start(total, {}, { title: 'Seeding' });
    const objects = await loadSeedData(connectionOrg(conn, bulkApi), data, {
      bulkThreshold: flags['bulk-threshold'],
      onProgress: (object, objectDone) => {
        done += objectDone - (doneBefore.get(object) ?? 0);
        doneBefore.set(object, objectDone);
        this.progress.update(done);
      },
    });
    this.progress.finish();
    this.table({
      data: objects.map((o) => ({
        object: o.object,
        created: o.created,
        updated: o.updated,
        unchanged: o.unchanged,
        failed: o.failed,
      })),
    });
    const failures = objects.flatMap((o) => o.failures.map((f) => `${o.object} ${f.key}: ${f.message}`));
    if (failures.length) {
      this.warn(messages.getMessage('info.failures', [failures.length, failures.slice(0, 10).join('\n')]));
      process.exitCode = 1;
    }
    const apiCalls = api.calls + bulkApi.calls;
    this.log(messages.getMessage('info.apiCalls', [apiCalls]));
    return {
      plan,
      dryRun: false,
      objects,
      planted: data.planted,
      plantedDisclosure: data.plantedDisclosure,
      apiCalls,
      eventOwners: owners.map((o) => o.username),
      addressFields,
    };
  }

  /** Field reps and event managers of the org, who will own the events; says who, or why the running user does. */
  private async readEventOwners(conn: Connection): Promise<EventOwner[]> {
    let owners: EventOwner[];
    try {
      owners = eventOwnersFrom(
        (await conn.query<Record<string, unknown>>(EVENT_OWNERS_SOQL, { autoFetch: true })).records,
      );
    } catch (error) {
      this.log(messages.getMessage('info.ownersUnreadable', [(error as Error).message.split('\n')[0]]));
      return [];
    }
    if (owners.length)
      this.log(messages.getMessage('info.owners', [owners.length, owners.map((o) => o.username).join(', ')]));
    else this.log(messages.getMessage('info.noOwners'));
    return owners;
  }

  /** Plan file, then flags over it, validated as one plan so every problem is reported at once. */
  private resolvePlan(flags: {
    plan?: string;
    doctors?: number;
    events?: number;
    seed?: number;
    from?: string;
    months?: number;
  }): SeedPlan {
    let base: Record<string, unknown> = {};
    if (flags.plan) {
      try {
        base = JSON.parse(fs.readFileSync(flags.plan, 'utf8')) as Record<string, unknown>;
      } catch (error) {
        throw messages.createError('error.planNotJson', [flags.plan, (error as Error).message]);
      }
    }
    const overrides = Object.fromEntries(
      Object.entries({
        doctors: flags.doctors,
        events: flags.events,
        seed: flags.seed,
        from: flags.from,
        months: flags.months,
      }).filter(([, v]) => v !== undefined),
    );
    const result = parseSeedPlan({ ...base, ...overrides }, new Date());
    if ('problems' in result)
      throw messages.createError('error.invalidPlan', [result.problems.map((p) => `  ${p}`).join('\n')]);
    return result.plan;
  }
}

/**
 * The generated data fitted to the org: event owners round robin, and addresses on the code fields where
 * the org has State and Country/Territory Picklists (read from the describe of Contact and Account).
 */
async function withOrgShape(
  conn: Connection,
  data: SeedData,
  owners: readonly EventOwner[],
): Promise<{ data: SeedData; addressFields: 'codes' | 'text' }> {
  const [contact, account] = await Promise.all([
    conn.describe('Contact') as Promise<unknown> as Promise<DescribeFields>,
    conn.describe('Account') as Promise<unknown> as Promise<DescribeFields>,
  ]);
  const mailing = addressCodes(contact, 'Mailing');
  const billing = addressCodes(account, 'Billing');
  return {
    data: {
      ...data,
      accounts: data.accounts.map((r) => withAddressCodes(r, 'Billing', billing)),
      contacts: data.contacts.map((r) => withAddressCodes(r, 'Mailing', mailing)),
      events: assignEventOwners(data.events, owners),
    },
    addressFields: mailing || billing ? 'codes' : 'text',
  };
}

/** The org's rule packs, by code; a clear error when the package or its packs are missing. */
async function readRulePacks(api: OrgApi): Promise<ReadonlyMap<string, RulePack>> {
  let records: RulePackRecords;
  try {
    records = await readRulePackRecords(api);
  } catch (error) {
    if (isMissingPackage(error)) throw messages.createError('error.missingPackage', [error.message.split('\n')[0]]);
    throw error;
  }
  if (!records.packs.length) throw messages.createError('error.noRulePacks', ['CME_Rule_Pack__c is empty']);
  try {
    return parseRulePacks(records.packs, records.rules);
  } catch (error) {
    throw new SfError((error as Error).message, 'InvalidRulePack');
  }
}
