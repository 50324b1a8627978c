/**
 * The domain core as the screens and the CLI use it: evaluateCompliance over a whole world of records,
 * finding shape and order, options, and the wording helpers behind the messages.
 */
import {
  CROSS_EVENT_RULES,
  RULE_CHECKS,
  RULE_IDS,
  buildRuleContext,
  evaluateCompliance,
  formatMoney,
  hasBlockingFinding,
  hcpName,
  sortFindings,
} from 'c/cmeDomain';
import type { Finding, RulePack } from 'c/cmeDomain';
import { countryName, ordinal } from '../format';
import {
  ALL_PACKS,
  ANNUAL_CAP_TODAY,
  BASELINE_TODAY,
  EU,
  HISTORY_TODAY,
  IN,
  US,
  annualCap,
  baseline,
  eventOf,
  expenseOf,
  history,
} from './fixtures';
import { withRule } from '../../../../../test/rulePacks';
import type { World } from './fixtures';

/** The Pune workshop with one problem for six different rules, plus an earlier event that is over capacity. */
function troubledWorld(): World {
  const w = baseline();
  Object.assign(eventOf(w, 'EVT-PUNE'), {
    Country__c: 'SG',
    Capacity__c: 3,
    Educational_Need__c: null,
    Budget__c: 1000,
  });
  expenseOf(w, 'EXP-TRAVEL-ASHA').Doctor__c = 'DOC-VIKRAM';
  expenseOf(w, 'EXP-PRINT').Receipt_Reference__c = null;
  w.events.push({
    ...eventOf(w, 'EVT-PUNE'),
    Id: 'EVT-ZZ-EARLIER',
    Name: 'Heart Failure Update Nagpur',
    Country__c: 'IN',
    Capacity__c: 0,
    Educational_Need__c: 'Same need, earlier city.',
    Start__c: '2026-01-20T04:30:00.000+0000',
    End__c: '2026-01-20T12:30:00.000+0000',
    Approved_On__c: '2025-12-01T09:00:00.000+0000',
  });
  w.invitations.push({ Id: 'INV-NAGPUR', Event__c: 'EVT-ZZ-EARLIER', Doctor__c: 'DOC-RAHUL', Status__c: 'Accepted' });
  w.attendance.push({
    Id: 'ATT-NAGPUR',
    Event__c: 'EVT-ZZ-EARLIER',
    Doctor__c: 'DOC-RAHUL',
    Sign_In_Method__c: 'Paper Sheet',
  });
  return w;
}

describe('evaluateCompliance', () => {
  it.each(ALL_PACKS)('finds nothing wrong with the compliant baseline under %s', (_code, pack) => {
    expect(evaluateCompliance(baseline(), pack, { today: BASELINE_TODAY })).toEqual([]);
  });

  it('lists blocks before warnings, in the rule table order, earlier events first', () => {
    const findings = evaluateCompliance(troubledWorld(), IN, { today: BASELINE_TODAY });
    expect(findings.map((f) => [f.severity, f.ruleId, f.eventId, f.doctorId ?? null])).toEqual([
      ['block', 'FOREIGN_VENUE', 'EVT-PUNE', null],
      ['block', 'SPEAKER_ONLY_TRAVEL', 'EVT-PUNE', 'DOC-VIKRAM'],
      ['block', 'CAPACITY', 'EVT-ZZ-EARLIER', null],
      ['block', 'CAPACITY', 'EVT-PUNE', null],
      ['warn', 'EDUCATIONAL_NEED', 'EVT-PUNE', null],
      ['warn', 'BUDGET_OVERRUN', 'EVT-PUNE', null],
      ['warn', 'CLOSEOUT_DOCUMENTS', 'EVT-PUNE', null],
    ]);
  });

  it('gives the same findings, in the same order, for the same input in any record order', () => {
    const w = troubledWorld();
    const shuffled: World = {
      events: [...w.events].reverse(),
      invitations: [...w.invitations].reverse(),
      attendance: [...w.attendance].reverse(),
      expenses: [...w.expenses].reverse(),
      doctors: [...w.doctors].reverse(),
    };
    for (const pack of [IN, US, EU])
      expect(evaluateCompliance(shuffled, pack, { today: BASELINE_TODAY })).toEqual(
        evaluateCompliance(w, pack, { today: BASELINE_TODAY }),
      );
  });

  it('returns plain findings of the documented shape, with readable messages, under every pack', () => {
    for (const [, pack] of ALL_PACKS) {
      const findings = evaluateCompliance(troubledWorld(), pack, { today: BASELINE_TODAY });
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(Object.keys(f)).toEqual(
          ['ruleId', 'severity', 'eventId', 'doctorId', 'amount', 'limit', 'message', 'evidence'].filter((k) => k in f),
        );
        expect(RULE_IDS).toContain(f.ruleId);
        expect(['block', 'warn']).toContain(f.severity);
        expect(f.message).not.toMatch(/undefined|NaN|null|\[object/);
        expect(JSON.parse(JSON.stringify(f))).toEqual(f);
      }
    }
  });

  it('judges only options.eventIds', () => {
    const findings = evaluateCompliance(troubledWorld(), IN, { today: BASELINE_TODAY, eventIds: ['EVT-ZZ-EARLIER'] });
    expect(findings.map((f) => f.ruleId)).toEqual(['CAPACITY']);
  });

  it('runs no rule that the pack has Off', () => {
    let silent: RulePack = IN;
    for (const id of RULE_IDS) silent = withRule(silent, id, { severity: 'Off' });
    expect(evaluateCompliance(troubledWorld(), silent, { today: BASELINE_TODAY })).toEqual([]);
  });

  it('needs the evaluation day, so results never depend on the clock', () => {
    expect(() => evaluateCompliance(baseline(), IN, { today: '' })).toThrow(RangeError);
    expect(() => evaluateCompliance(baseline(), IN, { today: 'yesterday' })).toThrow(RangeError);
  });

  it('copes with events that have no records and missing optional lists', () => {
    expect(evaluateCompliance({ events: [{ Id: 'EVT-EMPTY' }] }, US, { today: '2026-01-01' })).toEqual([
      expect.objectContaining({ ruleId: 'EDUCATIONAL_NEED', message: 'Event EVT-EMPTY states no educational need.' }),
    ]);
  });

  it('has a function for every rule id', () => {
    expect(Object.keys(RULE_CHECKS)).toEqual([...RULE_IDS]);
  });
});

describe('hasBlockingFinding and sortFindings', () => {
  const warn: Finding = { ruleId: 'CAPACITY', severity: 'warn', eventId: 'B', message: 'm', evidence: {} };
  const block: Finding = { ...warn, severity: 'block', eventId: 'A' };

  it('tells whether anything blocks', () => {
    expect(hasBlockingFinding([warn])).toBe(false);
    expect(hasBlockingFinding([warn, block])).toBe(true);
  });

  it('sorts findings of events it was not told about by id', () => {
    const sameRule = [
      { ...warn, eventId: 'B', doctorId: 'D2' },
      { ...warn, eventId: 'B', doctorId: 'D1' },
      warn,
      block,
    ];
    expect(sortFindings(sameRule, []).map((f) => [f.eventId, f.doctorId ?? ''])).toEqual([
      ['A', ''],
      ['B', ''],
      ['B', 'D1'],
      ['B', 'D2'],
    ]);
  });
});

describe('wording', () => {
  it('formats money in the pack currency, without cents when whole', () => {
    expect(formatMoney(162500, 'INR')).toBe('₹162,500');
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMoney(162500, 'INR', 'en-IN')).toBe('₹1,62,500');
    expect(formatMoney(12.5, 'Rupees')).toBe('Rupees 12.50');
  });

  it('names HCPs as a compliance officer would', () => {
    expect(hcpName({ Id: 'D', Name: 'Asha Rao' }, 'D')).toBe('Dr Asha Rao');
    expect(hcpName({ Id: 'D', FirstName: 'Asha', LastName: 'Rao' }, 'D')).toBe('Dr Asha Rao');
    expect(hcpName({ Id: 'D', Name: 'Dr. Asha Rao' }, 'D')).toBe('Dr. Asha Rao');
    expect(hcpName({ Id: 'D', Name: 'Lena Fischer', CME_Primary_Type__c: 'Pharmacist' }, 'D')).toBe('Lena Fischer');
    expect(hcpName({ Id: 'D', Name: ' ' }, 'D')).toBe('HCP D');
    expect(hcpName(undefined, 'D')).toBe('HCP D');
  });

  it('names countries, falling back to the code', () => {
    expect(countryName('DE')).toBe('Germany (DE)');
    expect(countryName('XX')).toBe('XX');
    expect(countryName('12345')).toBe('12345');
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });
});

describe('evaluating in slices (how the audit report bounds its memory)', () => {
  /**
   * Per-event rules one event at a time, then the cross-event rules one HCP at a time with that HCP's
   * records only and the allocations made over whole events: the same findings as one big evaluation.
   */
  function sliced(w: World, pack: RulePack, today: string): Finding[] {
    const perEvent = RULE_IDS.filter((id) => !CROSS_EVENT_RULES.includes(id));
    const findings: Finding[] = [];
    for (const event of w.events) {
      const own = <T extends { Event__c: string }>(rows: T[]) => rows.filter((r) => r.Event__c === event.Id);
      const input = {
        events: [event],
        invitations: own(w.invitations),
        attendance: own(w.attendance),
        expenses: own(w.expenses),
        doctors: w.doctors,
      };
      findings.push(...evaluateCompliance(input, pack, { today, rules: perEvent }));
    }
    const whole = buildRuleContext(w, pack, { today });
    const doctorIds = new Set([...w.invitations, ...w.attendance].map((r) => r.Doctor__c).filter(Boolean));
    for (const doctorId of doctorIds) {
      const mine = <T extends { Doctor__c?: string | null }>(rows: T[]) => rows.filter((r) => r.Doctor__c === doctorId);
      const input = {
        events: w.events,
        invitations: mine(w.invitations),
        attendance: mine(w.attendance),
        doctors: w.doctors,
      };
      findings.push(
        ...evaluateCompliance(input, pack, {
          today,
          rules: CROSS_EVENT_RULES,
          transfersOfValue: (eventId) => {
            const all = whole.tovOf(eventId);
            return { ...all, allocations: all.allocations.filter((a) => a.doctorId === doctorId) };
          },
        }),
      );
    }
    return sortFindings(findings, w.events);
  }

  it.each([
    ['troubled', troubledWorld, BASELINE_TODAY],
    ['annual cap', annualCap, ANNUAL_CAP_TODAY],
    ['history', history, HISTORY_TODAY],
  ] as const)('gives the same findings as one evaluation for the %s world', (_name, make, today) => {
    for (const [, pack] of ALL_PACKS) {
      const expected = evaluateCompliance(make(), pack, { today });
      expect(sliced(make(), pack, today)).toEqual(expected);
    }
  });

  it('the sliced world has findings from both kinds of rule, so the comparison means something', () => {
    const kinds = new Set(
      [troubledWorld(), annualCap(), history()].flatMap((w) =>
        ALL_PACKS.flatMap(([, pack]) => evaluateCompliance(w, pack, { today: BASELINE_TODAY }).map((f) => f.ruleId)),
      ),
    );
    expect(CROSS_EVENT_RULES.filter((id) => kinds.has(id)).length).toBeGreaterThanOrEqual(2);
    expect([...kinds].filter((id) => !CROSS_EVENT_RULES.includes(id)).length).toBeGreaterThanOrEqual(5);
  });

  it('runs only the rules asked for', () => {
    const findings = evaluateCompliance(troubledWorld(), IN, { today: BASELINE_TODAY, rules: ['CAPACITY'] });
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(['CAPACITY']));
  });
});
