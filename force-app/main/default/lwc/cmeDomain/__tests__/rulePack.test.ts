/** Rule packs as data: the shipped packs parse, and bad rows fail with a message that names them. */
import {
  RULE_IDS,
  RulePackError,
  isRuleOn,
  parseRulePack,
  parseRulePacks,
  ruleLimit,
  ruleSetting,
  ruleSeverity,
} from 'c/cmeDomain';
import type { RulePackRecord, RuleRecord } from 'c/cmeDomain';
import { EU, IN, US } from './fixtures';
import { PACK_ROWS, RULE_ROWS, SHIPPED_PACKS as PACKS } from '../../../../../test/rulePacks';

const PACK: RulePackRecord = { Code__c: 'TEST', Currency_Code__c: 'usd', Cap_Year_Basis__c: 'Calendar Year' };

describe('the shipped rule packs (config/rule-packs)', () => {
  it('parse into three packs, each configuring all 16 rules and nothing unknown', () => {
    expect([...PACKS.keys()]).toEqual(['IN-UCPMP-2024', 'US-PHRMA-OPENPAYMENTS', 'EU-EFPIA']);
    for (const pack of PACKS.values()) {
      expect(pack.unknownRuleIds).toEqual([]);
      const configured = RULE_ROWS.filter((r) => (r.Rule_Key__c ?? '').startsWith(`${pack.code}:`));
      expect(configured.map((r) => r.Rule_Id__c).sort()).toEqual([...RULE_IDS].sort());
    }
  });

  it('carry the pack settings the rules need', () => {
    expect(IN).toMatchObject({
      code: 'IN-UCPMP-2024',
      name: 'India UCPMP 2024',
      version: '2024.1',
      homeCountry: 'IN',
      currencyCode: 'INR',
      basis: 'Fiscal Year',
      fiscalYearStartMonth: 4,
      disclosureStandard: 'ucpmp',
    });
    expect(US).toMatchObject({ homeCountry: 'US', currencyCode: 'USD', basis: 'Calendar Year' });
    expect(EU).toMatchObject({ homeCountry: null, currencyCode: 'EUR', disclosureStandard: 'efpia' });
  });

  it('answer severity, on/off and limits per rule', () => {
    expect(ruleSeverity(IN, 'FOREIGN_VENUE')).toBe('block');
    expect(ruleSeverity(IN, 'EDUCATIONAL_NEED')).toBe('warn');
    expect(ruleSeverity(US, 'FOREIGN_VENUE')).toBeNull();
    expect(isRuleOn(US, 'REPEAT_TOPIC')).toBe(true);
    expect(isRuleOn(EU, 'REPEAT_TOPIC')).toBe(false);
    expect(ruleLimit(IN, 'HCP_ANNUAL_CAP')).toBe(150000);
    expect(ruleSetting(IN, 'HCP_ANNUAL_CAP')).toMatchObject({ warnPercent: 80, windowDays: null });
    expect(ruleSetting(US, 'REPEAT_TOPIC').windowDays).toBe(365);
    expect(ruleLimit(US, 'FOREIGN_VENUE')).toBeNull();
  });
});

describe('parseRulePack', () => {
  it('treats a rule without a row as Off and lists rule ids it does not know', () => {
    const pack = parseRulePack(PACK, [
      { Rule_Id__c: 'CAPACITY', Severity__c: 'Block' },
      { Rule_Id__c: 'GIFT_BAN', Severity__c: 'Block' },
      { Rule_Id__c: 'MEAL_CAP' },
    ]);
    expect(pack.currencyCode).toBe('USD');
    expect(pack.name).toBe('TEST');
    expect(ruleSeverity(pack, 'CAPACITY')).toBe('block');
    expect(ruleSeverity(pack, 'MEAL_CAP')).toBeNull();
    expect(ruleSeverity(pack, 'HCP_ANNUAL_CAP')).toBeNull();
    expect(pack.unknownRuleIds).toEqual(['GIFT_BAN']);
    expect(parseRulePack({ ...PACK, Cap_Year_Basis__c: null }, []).basis).toBe('Calendar Year');
  });

  it.each<[string, RulePackRecord, RuleRecord[], string]>([
    ['no code', { ...PACK, Code__c: ' ' }, [], 'A rule pack needs a Code__c.'],
    [
      'a bad currency',
      { ...PACK, Currency_Code__c: 'Rupees' },
      [],
      'Rule pack TEST: Currency_Code__c must be an ISO 4217 code such as INR.',
    ],
    [
      'a fiscal year without its month',
      { ...PACK, Cap_Year_Basis__c: 'Fiscal Year', Fiscal_Year_Start_Month__c: null },
      [],
      'Rule pack TEST: a Fiscal Year pack needs Fiscal_Year_Start_Month__c 1–12.',
    ],
    [
      'an unknown year basis',
      { ...PACK, Cap_Year_Basis__c: 'Lunar Year' as never },
      [],
      'Rule pack TEST: Cap_Year_Basis__c must be Calendar Year or Fiscal Year.',
    ],
    [
      'a rule configured twice',
      PACK,
      [{ Rule_Id__c: 'CAPACITY' }, { Rule_Id__c: 'CAPACITY' }],
      'Rule pack TEST: CAPACITY is configured twice.',
    ],
    [
      'an unknown severity',
      PACK,
      [{ Rule_Id__c: 'CAPACITY', Severity__c: 'Maybe' as never }],
      'Rule pack TEST: CAPACITY has severity "Maybe"; use Block, Warn or Off.',
    ],
    [
      'a negative limit',
      PACK,
      [{ Rule_Id__c: 'MEAL_CAP', Severity__c: 'Block', Limit__c: -5 }],
      'Rule pack TEST: MEAL_CAP Limit__c must be a number of 0 or more.',
    ],
  ])('refuses %s', (_what, pack, rules, message) => {
    expect(() => parseRulePack(pack, rules)).toThrow(new RulePackError(message));
  });
});

describe('parseRulePacks', () => {
  it('links rules by lookup id, by sObject Tree reference, or by rule key', () => {
    const packs = parseRulePacks(
      [
        { ...PACK, Id: 'a01', Code__c: 'BY-ID' },
        { ...PACK, Code__c: 'BY-REF', attributes: { referenceId: 'Ref9' } },
        { ...PACK, Code__c: 'BY-KEY' },
      ],
      [
        { Rule_Pack__c: 'a01', Rule_Id__c: 'CAPACITY', Severity__c: 'Block' },
        { Rule_Pack__c: '@Ref9', Rule_Id__c: 'CAPACITY', Severity__c: 'Warn' },
        { Rule_Key__c: 'BY-KEY:CAPACITY', Rule_Id__c: 'CAPACITY', Severity__c: 'Off' },
      ],
    );
    expect([...packs.values()].map((p) => [p.code, p.id, p.rules.CAPACITY.severity])).toEqual([
      ['BY-ID', 'a01', 'Block'],
      ['BY-REF', null, 'Warn'],
      ['BY-KEY', null, 'Off'],
    ]);
  });

  it('gives the same packs for the shipped rows every time', () => {
    expect(parseRulePacks(PACK_ROWS, RULE_ROWS)).toEqual(PACKS);
  });
});
