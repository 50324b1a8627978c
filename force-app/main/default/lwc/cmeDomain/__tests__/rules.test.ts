/**
 * Every rule of compliance.md's table: a passing case (the baseline world's, in one table, or its own
 * test), a failing case, the warn band where there is one, and the packs where the shipped rule packs
 * make the rule behave differently.
 */
import { attendanceEvidenceProblem, evaluateCompliance } from 'c/cmeDomain';
import type { EvaluateOptions, Finding, RuleId, RulePack } from 'c/cmeDomain';
import {
  ANNUAL_CAP_TODAY,
  BASELINE_TODAY,
  EU,
  HISTORY_TODAY,
  IN,
  US,
  annualCap,
  attendanceOf,
  baseline,
  doctorOf,
  eventOf,
  expenseOf,
  history,
  invitationOf,
} from './fixtures';
import { withRule } from '../../../../../test/rulePacks';
import type { World } from './fixtures';

const PUNE = 'EVT-PUNE';

/** The findings of one rule when the pack is evaluated over the world. */
function findingsOf(ruleId: RuleId, pack: RulePack, world: World, options: Partial<EvaluateOptions> = {}): Finding[] {
  return evaluateCompliance(world, pack, { today: BASELINE_TODAY, ...options }).filter((f) => f.ruleId === ruleId);
}

// The baseline world (fixtures.ts) breaks no rule of any pack; rule by rule, what in it each one passes.
describe('the baseline world', () => {
  it.each<{ ruleId: RuleId; passes: string }>([
    { ruleId: 'APPROVAL_LEAD_TIME', passes: 'an event approved 36 days ahead' },
    { ruleId: 'EDUCATIONAL_NEED', passes: 'an event that states its need' },
    { ruleId: 'MEAL_CAP', passes: '₹/$/€200 of shared food for three diners' },
    { ruleId: 'HONORARIUM_FMV', passes: '₹/$/€500 for 1.5 hours of speaking' },
    { ruleId: 'ATTENDANCE_EVIDENCE', passes: 'an e-signature with its hash, a paper sheet and a signed self check-in' },
    { ruleId: 'CONSENT_FOR_DISCLOSURE', passes: 'every HCP who received value having consented' },
    { ruleId: 'BUDGET_OVERRUN', passes: '₹1,440 spent of a ₹2,000 budget' },
    { ruleId: 'CAPACITY', passes: '4 accepted for 10 places' },
    {
      ruleId: 'CLOSEOUT_DOCUMENTS',
      passes: 'a completed event with attendance and every receipt, 38 days after its end',
    },
  ])('passes $ruleId under every pack: $passes', ({ ruleId }) => {
    for (const pack of [IN, US, EU]) expect(findingsOf(ruleId, pack, baseline())).toEqual([]);
  });
});

describe('APPROVAL_BEFORE_INVITE', () => {
  it('passes when every invitation went out after approval, or has not gone out', () => {
    const w = baseline();
    invitationOf(w, 'INV-RAHUL').Invited_On__c = null;
    expect(findingsOf('APPROVAL_BEFORE_INVITE', IN, w)).toEqual([]);
  });

  it('blocks an invitation sent minutes before the approval on the same day', () => {
    const w = baseline();
    invitationOf(w, 'INV-VIKRAM').Invited_On__c = '2026-01-05T08:59:00.000+0000';
    expect(findingsOf('APPROVAL_BEFORE_INVITE', IN, w)).toEqual([
      {
        ruleId: 'APPROVAL_BEFORE_INVITE',
        severity: 'block',
        eventId: PUNE,
        doctorId: 'DOC-VIKRAM',
        message:
          '1 invitation went out before Heart Failure Update Pune was approved on 2026-01-05 (the first on 2026-01-05).',
        evidence: {
          status: 'Completed',
          approvedOn: '2026-01-05T09:00:00.000+0000',
          firstInvitedOn: '2026-01-05T08:59:00.000+0000',
          invitationIds: ['INV-VIKRAM'],
        },
      },
    ]);
  });

  it('blocks invitations of an event that is not approved, under every pack', () => {
    const w = baseline();
    Object.assign(eventOf(w, PUNE), { Status__c: 'Pending Approval', Approved_On__c: null });
    for (const pack of [IN, US, EU]) {
      const [finding] = findingsOf('APPROVAL_BEFORE_INVITE', pack, w);
      expect(finding.severity).toBe('block');
      expect(finding.doctorId).toBeUndefined();
      expect(finding.message).toBe(
        '4 invitations went out (the first on 2026-01-06) but Heart Failure Update Pune has not been approved.',
      );
    }
  });
});

describe('APPROVAL_LEAD_TIME', () => {
  it('16 days ahead is enough for IN and EU (14) but not for US (21)', () => {
    const w = baseline();
    eventOf(w, PUNE).Approved_On__c = '2026-01-25T10:00:00.000+0000';
    expect(findingsOf('APPROVAL_LEAD_TIME', IN, w)).toEqual([]);
    expect(findingsOf('APPROVAL_LEAD_TIME', EU, w)).toEqual([]);
    expect(findingsOf('APPROVAL_LEAD_TIME', US, w)).toEqual([
      expect.objectContaining({
        severity: 'block',
        amount: 16,
        limit: 21,
        message:
          'Heart Failure Update Pune was approved 16 days before it starts (approved 2026-01-25, starts 2026-02-10); approval is needed at least 21 days ahead.',
      }),
    ]);
  });

  it('says when approval came after the start', () => {
    const w = baseline();
    eventOf(w, PUNE).Approved_On__c = '2026-02-12T10:00:00.000+0000';
    expect(findingsOf('APPROVAL_LEAD_TIME', IN, w)[0].message).toContain('was approved 2 days after it started');
  });

  it('flags an unapproved event once the start is nearer than the lead time', () => {
    const w = baseline();
    Object.assign(eventOf(w, PUNE), { Status__c: 'Pending Approval', Approved_On__c: null });
    expect(findingsOf('APPROVAL_LEAD_TIME', IN, w, { today: '2026-01-10' })).toEqual([]);
    expect(findingsOf('APPROVAL_LEAD_TIME', IN, w, { today: '2026-02-01' })).toEqual([
      expect.objectContaining({
        amount: 9,
        limit: 14,
        message:
          'Heart Failure Update Pune starts on 2026-02-10, 9 days from 2026-02-01, and is not approved; approval is needed at least 14 days before the start.',
      }),
    ]);
    expect(findingsOf('APPROVAL_LEAD_TIME', IN, w, { today: '2026-02-15' })[0].message).toContain(
      'started on 2026-02-10 and is not approved',
    );
  });

  it('flags an approved or completed event with no approval date, and leaves cancelled events alone', () => {
    const w = baseline();
    eventOf(w, PUNE).Approved_On__c = null;
    expect(findingsOf('APPROVAL_LEAD_TIME', IN, w)[0].message).toBe(
      'Heart Failure Update Pune is Completed but has no approval date.',
    );
    eventOf(w, PUNE).Status__c = 'Cancelled';
    expect(findingsOf('APPROVAL_LEAD_TIME', IN, w)).toEqual([]);
  });
});

describe('EDUCATIONAL_NEED', () => {
  it('blocks a missing need under US and warns under IN and EU', () => {
    const w = baseline();
    eventOf(w, PUNE).Educational_Need__c = '   ';
    const severities = [IN, US, EU].map((pack) => findingsOf('EDUCATIONAL_NEED', pack, w)[0].severity);
    expect(severities).toEqual(['warn', 'block', 'warn']);
    expect(findingsOf('EDUCATIONAL_NEED', US, w)[0].message).toBe(
      'Heart Failure Update Pune states no educational need.',
    );
  });

  it('reads Limit__c, when a pack sets it, as the minimum length of the statement', () => {
    const strict = withRule(US, 'EDUCATIONAL_NEED', { limit: 200 });
    const [finding] = findingsOf('EDUCATIONAL_NEED', strict, baseline());
    expect(finding).toMatchObject({ amount: 113, limit: 200 });
    expect(finding.message).toBe(
      'Heart Failure Update Pune states its educational need in 113 characters; at least 200 are expected.',
    );
  });
});

describe('FOREIGN_VENUE', () => {
  it('passes an in-person event in India (country code in any case)', () => {
    const w = baseline();
    eventOf(w, PUNE).Country__c = 'in';
    expect(findingsOf('FOREIGN_VENUE', IN, w)).toEqual([]);
  });

  it('blocks a venue abroad under IN-UCPMP-2024 and is off under US and EU', () => {
    const w = baseline();
    eventOf(w, PUNE).Country__c = 'SG';
    expect(findingsOf('FOREIGN_VENUE', IN, w)).toEqual([
      {
        ruleId: 'FOREIGN_VENUE',
        severity: 'block',
        eventId: PUNE,
        message: 'Heart Failure Update Pune is held in Singapore (SG), outside India (IN).',
        evidence: { format: 'In-Person', country: 'SG', city: 'Pune', homeCountry: 'IN' },
      },
    ]);
    expect(findingsOf('FOREIGN_VENUE', US, w)).toEqual([]);
    expect(findingsOf('FOREIGN_VENUE', EU, w)).toEqual([]);
  });

  it('lets a virtual event be hosted anywhere but needs a country for a hybrid one', () => {
    const w = baseline();
    Object.assign(eventOf(w, PUNE), { Format__c: 'Virtual', Country__c: 'SG' });
    expect(findingsOf('FOREIGN_VENUE', IN, w)).toEqual([]);
    Object.assign(eventOf(w, PUNE), { Format__c: 'Hybrid', Country__c: null });
    expect(findingsOf('FOREIGN_VENUE', IN, w)[0].message).toBe(
      'Heart Failure Update Pune is Hybrid but has no venue country, so it cannot be shown to be held in India (IN).',
    );
  });
});

describe('HCP_ANNUAL_CAP', () => {
  const run = (w: World, pack: RulePack = IN, options: Partial<EvaluateOptions> = {}) =>
    findingsOf('HCP_ANNUAL_CAP', pack, w, { today: ANNUAL_CAP_TODAY, ...options });

  it('blocks ₹162,500 in FY2025-26 (June and 31 March) but not the 1 April payment, which is FY2026-27', () => {
    expect(run(annualCap())).toEqual([
      {
        ruleId: 'HCP_ANNUAL_CAP',
        severity: 'block',
        eventId: 'EVT-DELHI',
        doctorId: 'DOC-ASHA',
        amount: 162500,
        limit: 150000,
        message: 'Dr Asha Rao would receive ₹162,500 in FY2025-26, over the ₹150,000 cap.',
        evidence: {
          year: 'FY2025-26',
          windowStart: '2025-04-01',
          windowEnd: '2026-03-31',
          total: 162500,
          cap: 150000,
          warnPercent: 80,
          eventIds: ['EVT-DELHI', 'EVT-MUMBAI'],
          expenseIds: ['EXP-DELHI-HON', 'EXP-MUMBAI-HON'],
        },
      },
    ]);
  });

  it('warns from 80% of the cap, up to and including the cap itself', () => {
    const w = annualCap();
    expenseOf(w, 'EXP-DELHI-HON').Amount__c = 25000;
    expect(run(w)).toEqual([
      expect.objectContaining({
        severity: 'warn',
        amount: 125000,
        message: 'Dr Asha Rao would receive ₹125,000 in FY2025-26, 83% of the ₹150,000 cap (warning from 80%).',
      }),
    ]);
    expenseOf(w, 'EXP-DELHI-HON').Amount__c = 50000;
    expect(run(w)[0]).toMatchObject({ severity: 'warn', amount: 150000 });
  });

  it('passes below the warning band', () => {
    const w = annualCap();
    expenseOf(w, 'EXP-DELHI-HON').Amount__c = 19999;
    expect(run(w)).toEqual([]);
  });

  it('says "received" when everything counted is paid, and leaves Committed out when asked', () => {
    const w = annualCap();
    expenseOf(w, 'EXP-DELHI-HON').Stage__c = 'Actual';
    expect(run(w)[0].message).toBe('Dr Asha Rao received ₹162,500 in FY2025-26, over the ₹150,000 cap.');
    expenseOf(w, 'EXP-DELHI-HON').Stage__c = 'Committed';
    expect(run(w, IN, { includeCommittedSpend: false })).toEqual([]);
  });

  it('on a calendar-year basis the same payments stay under the cap (₹100,000 in 2025, ₹82,500 in 2026)', () => {
    const calendarIn: RulePack = { ...IN, basis: 'Calendar Year', fiscalYearStartMonth: 1 };
    expect(run(annualCap(), calendarIn)).toEqual([]);
  });

  it('under the US pack counts calendar years in dollars', () => {
    const messages = run(annualCap(), US).map((f) => f.message);
    expect(messages).toEqual([
      'Dr Asha Rao received $100,000 in 2025, over the $5,000 cap.',
      'Dr Asha Rao would receive $82,500 in 2026, over the $5,000 cap.',
    ]);
  });

  it('hangs the finding on a judged event of that year, with the others as history', () => {
    expect(run(annualCap(), IN, { eventIds: ['EVT-MUMBAI'] })[0].eventId).toBe('EVT-MUMBAI');
    expect(run(annualCap(), IN, { eventIds: ['EVT-CHENNAI'] })).toEqual([]);
  });
});

describe('MEAL_CAP', () => {
  it('blocks $200 a head under US, passes the same ₹200 under IN, and is off under EU', () => {
    const w = baseline();
    expenseOf(w, 'EXP-FNB').Amount__c = 600;
    expect(findingsOf('MEAL_CAP', US, w)).toEqual([
      {
        ruleId: 'MEAL_CAP',
        severity: 'block',
        eventId: PUNE,
        amount: 200,
        limit: 125,
        message:
          'Food and beverage at Heart Failure Update Pune came to up to $200 per person for 3 attendees, over the $125 per-person cap.',
        evidence: {
          basis: 'attended',
          doctorIds: ['DOC-ASHA', 'DOC-KAVYA', 'DOC-VIKRAM'],
          foodAndBeverage: 600,
          diners: 3,
          expenseIds: ['EXP-FNB'],
        },
      },
    ]);
    expect(findingsOf('MEAL_CAP', IN, w)).toEqual([]);
    expect(findingsOf('MEAL_CAP', EU, w)).toEqual([]);
  });

  it('names the one HCP whose own dinner pushed them over', () => {
    const w = baseline();
    w.expenses.push({
      Id: 'EXP-DINNER-VIKRAM',
      Event__c: PUNE,
      Category__c: 'Food and Beverage',
      Amount__c: 100,
      Doctor__c: 'DOC-VIKRAM',
      Stage__c: 'Actual',
      Incurred_On__c: '2026-02-10',
      Receipt_Reference__c: 'HS-5530',
    });
    expect(findingsOf('MEAL_CAP', US, w)).toEqual([
      expect.objectContaining({
        doctorId: 'DOC-VIKRAM',
        amount: 166.66,
        message:
          'Dr Vikram Shah received $166.66 of food and beverage at Heart Failure Update Pune, over the $125 per-person cap.',
      }),
    ]);
  });

  it('before the event, divides the planned food over the accepted invitees', () => {
    const w = baseline();
    w.attendance = [];
    Object.assign(expenseOf(w, 'EXP-FNB'), { Amount__c: 600, Stage__c: 'Estimated' });
    expect(findingsOf('MEAL_CAP', US, w)).toEqual([
      expect.objectContaining({
        amount: 150,
        message:
          'Planned food and beverage at Heart Failure Update Pune is $150 per person ($600 for 4 accepted invitees), over the $125 per-person cap.',
      }),
    ]);
    eventOf(w, PUNE).Status__c = 'Cancelled';
    expect(findingsOf('MEAL_CAP', US, w)).toEqual([]);
    eventOf(w, PUNE).Status__c = 'Approved';
    expenseOf(w, 'EXP-FNB').Amount__c = 500;
    expect(findingsOf('MEAL_CAP', US, w)).toEqual([]);
  });
});

describe('HONORARIUM_FMV', () => {
  it('blocks €700 for 1.5 hours under EU (€400/h) but not under US ($500/h)', () => {
    const w = baseline();
    expenseOf(w, 'EXP-HON-ASHA').Amount__c = 700;
    expect(findingsOf('HONORARIUM_FMV', EU, w)).toEqual([
      {
        ruleId: 'HONORARIUM_FMV',
        severity: 'block',
        eventId: PUNE,
        doctorId: 'DOC-ASHA',
        amount: 700,
        limit: 600,
        message: "Dr Asha Rao's honorarium of €700 for 1.5 h exceeds the fair-market value of €600 (€400 per hour).",
        evidence: {
          speakingHours: 1.5,
          ratePerHour: 400,
          allowed: 600,
          honorarium: 700,
          invitationId: 'INV-ASHA',
          expenseIds: ['EXP-HON-ASHA'],
        },
      },
    ]);
    expect(findingsOf('HONORARIUM_FMV', US, w)).toEqual([]);
  });

  it('checks a planned (Estimated) honorarium too, and one with no contracted hours', () => {
    const w = baseline();
    Object.assign(expenseOf(w, 'EXP-HON-ASHA'), { Stage__c: 'Estimated' });
    invitationOf(w, 'INV-ASHA').Speaking_Hours__c = null;
    expect(findingsOf('HONORARIUM_FMV', IN, w)[0].message).toBe(
      'Dr Asha Rao has an honorarium of ₹500 but no contracted speaking hours on their invitation.',
    );
  });
});

describe('SPEAKER_ONLY_TRAVEL', () => {
  it('passes travel for the speaker (and for a moderator or panelist)', () => {
    const w = baseline();
    expect(findingsOf('SPEAKER_ONLY_TRAVEL', IN, w)).toEqual([]);
    invitationOf(w, 'INV-ASHA').Role__c = 'Moderator';
    expect(findingsOf('SPEAKER_ONLY_TRAVEL', IN, w)).toEqual([]);
  });

  it('blocks travel for an attendee under IN and is off under US and EU', () => {
    const w = baseline();
    expenseOf(w, 'EXP-TRAVEL-ASHA').Doctor__c = 'DOC-VIKRAM';
    expect(findingsOf('SPEAKER_ONLY_TRAVEL', IN, w)).toEqual([
      {
        ruleId: 'SPEAKER_ONLY_TRAVEL',
        severity: 'block',
        eventId: PUNE,
        doctorId: 'DOC-VIKRAM',
        amount: 300,
        message:
          'Dr Vikram Shah is not a speaker at Heart Failure Update Pune (attendee) yet has ₹300 of travel and lodging.',
        evidence: { role: 'Attendee', expenseIds: ['EXP-TRAVEL-ASHA'] },
      },
    ]);
    expect(findingsOf('SPEAKER_ONLY_TRAVEL', US, w)).toEqual([]);
    expect(findingsOf('SPEAKER_ONLY_TRAVEL', EU, w)).toEqual([]);
  });

  it('blocks travel for a walk-in, and a travel line that names nobody', () => {
    const w = baseline();
    expenseOf(w, 'EXP-TRAVEL-ASHA').Doctor__c = 'DOC-KAVYA';
    w.expenses.push({
      Id: 'EXP-BUS',
      Event__c: PUNE,
      Category__c: 'Travel and Lodging',
      Amount__c: 1200,
      Stage__c: 'Committed',
    });
    expect(findingsOf('SPEAKER_ONLY_TRAVEL', IN, w).map((f) => f.message)).toEqual([
      'A travel and lodging line of ₹1,200 at Heart Failure Update Pune names no HCP; travel and stays may be paid only for speakers.',
      'Dr Kavya Menon is not a speaker at Heart Failure Update Pune (walk-in) yet has ₹300 of travel and lodging.',
    ]);
  });
});

describe('REPEAT_TOPIC', () => {
  const run = (w: World, pack: RulePack = US) => findingsOf('REPEAT_TOPIC', pack, w, { today: HISTORY_TODAY });

  it('warns under US when the same topic (however spelled) comes back within 365 days', () => {
    expect(run(history())).toEqual([
      {
        ruleId: 'REPEAT_TOPIC',
        severity: 'warn',
        eventId: 'EVT-2026-04',
        doctorId: 'DOC-VIKRAM',
        amount: 90,
        limit: 365,
        message:
          'Dr Vikram Shah takes part in "heart failure with REDUCED ejection fraction" again 90 days after Cardiology Evening 01/2026 (2026-01-15); the same topic is allowed once in 365 days.',
        evidence: {
          topic: 'heart failure with REDUCED ejection fraction',
          previousEventId: 'EVT-2026-01',
          previousDay: '2026-01-15',
          day: '2026-04-15',
          gapDays: 90,
          role: null,
        },
      },
    ]);
  });

  it('is off under IN and EU, and passes when the repeat is outside the window', () => {
    expect(run(history(), IN)).toEqual([]);
    expect(run(history(), EU)).toEqual([]);
    expect(run(history(), withRule(US, 'REPEAT_TOPIC', { windowDays: 60 }))).toEqual([]);
  });

  it('counts speakers and accepted invitations as taking part', () => {
    const w = history();
    eventOf(w, 'EVT-2026-03').Topic__c = 'Heart failure with reduced ejection fraction';
    invitationOf(w, 'INV-03-VIKRAM').Role__c = 'Speaker';
    const found = run(w).map((f) => [f.eventId, f.amount, f.evidence.role]);
    expect(found).toEqual([
      ['EVT-2026-03', 59, 'Speaker'],
      ['EVT-2026-04', 31, null],
    ]);
  });
});

describe('MAX_EVENTS_PER_HCP', () => {
  const run = (pack: RulePack, options: Partial<EvaluateOptions> = {}) =>
    findingsOf('MAX_EVENTS_PER_HCP', pack, history(), { today: HISTORY_TODAY, ...options });

  it('passes ten events in 2026 under US (limit 10 a calendar year)', () => {
    expect(run(US)).toEqual([]);
  });

  it('warns on the 9th and 10th events under EU (limit 8 a calendar year)', () => {
    expect(run(EU).map((f) => f.message)).toEqual([
      "Cardiology Evening 09/2026 is Dr Vikram Shah's 9th sponsored event in 2026; the limit is 8.",
      "Cardiology Evening 10/2026 is Dr Vikram Shah's 10th sponsored event in 2026; the limit is 8.",
    ]);
  });

  it('under IN counts the fiscal year: 3 in FY2025-26, the 7th of FY2026-27 is one too many', () => {
    expect(run(IN)).toEqual([
      {
        ruleId: 'MAX_EVENTS_PER_HCP',
        severity: 'warn',
        eventId: 'EVT-2026-10',
        doctorId: 'DOC-VIKRAM',
        amount: 7,
        limit: 6,
        message: "Cardiology Evening 10/2026 is Dr Vikram Shah's 7th sponsored event in FY2026-27; the limit is 6.",
        evidence: {
          year: 'FY2026-27',
          count: 7,
          eventIdsWithinLimit: [
            'EVT-2026-04',
            'EVT-2026-05',
            'EVT-2026-06',
            'EVT-2026-07',
            'EVT-2026-08',
            'EVT-2026-09',
          ],
        },
      },
    ]);
  });

  it('lists as evidence the events within the limit, however many came after', () => {
    const evidence = run(EU).map((f) => f.evidence);
    expect(evidence.map((e) => e.count)).toEqual([9, 10]);
    expect(evidence[1].eventIdsWithinLimit).toEqual(evidence[0].eventIdsWithinLimit);
    expect(evidence[1].eventIdsWithinLimit).toHaveLength(8);
  });

  it('judges only the events asked about, counting the rest as history', () => {
    expect(run(EU, { eventIds: ['EVT-2026-10'] }).map((f) => f.eventId)).toEqual(['EVT-2026-10']);
    expect(run(EU, { eventIds: ['EVT-2026-08'] })).toEqual([]);
  });

  it('orders the same event list again when an event in it moves or is replaced', () => {
    const w = history();
    const count = () =>
      evaluateCompliance(w, EU, { today: HISTORY_TODAY, rules: ['MAX_EVENTS_PER_HCP'] }).map((f) => f.eventId);
    expect(count()).toEqual(['EVT-2026-09', 'EVT-2026-10']);
    // The 10th event moves to before the others: it now uses up the allowance, and the 9th is over.
    eventOf(w, 'EVT-2026-10').Start__c = '2026-01-01T09:00:00.000Z';
    expect(count()).toEqual(['EVT-2026-08', 'EVT-2026-09']);
    // The same event replaced by a copy that starts back where it was.
    const index = w.events.findIndex((e) => e.Id === 'EVT-2026-10');
    w.events[index] = { ...w.events[index], Start__c: '2026-12-31T09:00:00.000Z' };
    expect(count()).toEqual(['EVT-2026-09', 'EVT-2026-10']);
  });
});

describe('ACCREDITED_INDEPENDENCE', () => {
  it('passes an accredited event that pays only its faculty', () => {
    const w = baseline();
    eventOf(w, PUNE).Accredited__c = true;
    expect(findingsOf('ACCREDITED_INDEPENDENCE', US, w)).toEqual([]);
  });

  it('blocks a direct payment to a learner at an accredited event under every pack', () => {
    const w = baseline();
    Object.assign(eventOf(w, PUNE), { Accredited__c: true, Accreditation_Provider__c: 'Maharashtra Medical Council' });
    w.expenses.push({
      Id: 'EXP-REG-VIKRAM',
      Event__c: PUNE,
      Category__c: 'Registration Fee',
      Amount__c: 150,
      Doctor__c: 'DOC-VIKRAM',
      Stage__c: 'Estimated',
    });
    for (const pack of [IN, US, EU]) expect(findingsOf('ACCREDITED_INDEPENDENCE', pack, w)).toHaveLength(1);
    expect(findingsOf('ACCREDITED_INDEPENDENCE', IN, w)[0]).toEqual({
      ruleId: 'ACCREDITED_INDEPENDENCE',
      severity: 'block',
      eventId: PUNE,
      doctorId: 'DOC-VIKRAM',
      amount: 150,
      message:
        'Dr Vikram Shah is a learner (attendee) at accredited Heart Failure Update Pune yet receives ₹150 directly from the company (Registration Fee).',
      evidence: {
        role: 'Attendee',
        accreditationProvider: 'Maharashtra Medical Council',
        categories: ['Registration Fee'],
        expenseIds: ['EXP-REG-VIKRAM'],
      },
    });
  });

  it('does not apply to an event that is not accredited', () => {
    const w = baseline();
    w.expenses.push({
      Id: 'EXP-REG-VIKRAM',
      Event__c: PUNE,
      Category__c: 'Registration Fee',
      Amount__c: 150,
      Doctor__c: 'DOC-VIKRAM',
      Stage__c: 'Actual',
    });
    expect(findingsOf('ACCREDITED_INDEPENDENCE', IN, w)).toEqual([]);
  });
});

describe('ATTENDANCE_EVIDENCE', () => {
  it('blocks an e-signature without its SHA-256', () => {
    const w = baseline();
    attendanceOf(w, 'ATT-ASHA').Signature_SHA256__c = 'not-a-hash';
    expect(findingsOf('ATTENDANCE_EVIDENCE', IN, w)).toEqual([
      {
        ruleId: 'ATTENDANCE_EVIDENCE',
        severity: 'block',
        eventId: PUNE,
        doctorId: 'DOC-ASHA',
        message: "Dr Asha Rao's attendance at Heart Failure Update Pune has an e-signature without its SHA-256 hash.",
        evidence: {
          attendanceId: 'ATT-ASHA',
          signInMethod: 'E-Signature',
          mode: 'In-Person',
          minutesAttended: null,
          hasSignatureHash: false,
        },
      },
    ]);
  });

  it('needs at least 30 logged minutes for a virtual log', () => {
    const w = baseline();
    Object.assign(attendanceOf(w, 'ATT-VIKRAM'), {
      Mode__c: 'Virtual',
      Sign_In_Method__c: 'Virtual Log',
      Minutes_Attended__c: 29,
    });
    expect(findingsOf('ATTENDANCE_EVIDENCE', US, w)).toEqual([
      expect.objectContaining({
        amount: 29,
        limit: 30,
        message:
          "Dr Vikram Shah's attendance at Heart Failure Update Pune has a virtual log of 29 minutes; at least 30 are required.",
      }),
    ]);
    attendanceOf(w, 'ATT-VIKRAM').Minutes_Attended__c = 30;
    expect(findingsOf('ATTENDANCE_EVIDENCE', US, w)).toEqual([]);
  });

  it('blocks an unsigned self check-in, a record with no method, and says so for a record with no HCP', () => {
    const w = baseline();
    attendanceOf(w, 'ATT-KAVYA').Signature_SHA256__c = null;
    Object.assign(attendanceOf(w, 'ATT-MEERA'), { Sign_In_Method__c: null, Doctor__c: null });
    expect(findingsOf('ATTENDANCE_EVIDENCE', EU, w).map((f) => f.message)).toEqual([
      'An attendance with no HCP at Heart Failure Update Pune has no sign-in evidence.',
      "Dr Kavya Menon's attendance at Heart Failure Update Pune is a self check-in with no signature, sheet or virtual log.",
    ]);
  });

  it('with no minimum set, any logged minute is a virtual log', () => {
    const log = { Id: 'A', Event__c: 'E', Sign_In_Method__c: 'Virtual Log' as const };
    expect(attendanceEvidenceProblem({ ...log, Minutes_Attended__c: 1 }, null)).toBeNull();
    expect(attendanceEvidenceProblem(log, null)).toBe('has a virtual log of 0 minutes; at least 1 are required');
  });
});

describe('CONSENT_FOR_DISCLOSURE', () => {
  it('warns under EU that an HCP without consent is disclosed in aggregate; off under IN and US', () => {
    const w = baseline();
    doctorOf(w, 'DOC-VIKRAM').CME_Disclosure_Consent__c = false;
    expect(findingsOf('CONSENT_FOR_DISCLOSURE', EU, w)).toEqual([
      {
        ruleId: 'CONSENT_FOR_DISCLOSURE',
        severity: 'warn',
        eventId: PUNE,
        doctorId: 'DOC-VIKRAM',
        amount: 176.66,
        message:
          'Dr Vikram Shah has not consented to named disclosure; their €176.66 from Heart Failure Update Pune will be disclosed in aggregate.',
        evidence: { consent: false, total: 176.66 },
      },
    ]);
    expect(findingsOf('CONSENT_FOR_DISCLOSURE', IN, w)).toEqual([]);
    expect(findingsOf('CONSENT_FOR_DISCLOSURE', US, w)).toEqual([]);
  });

  it('treats an HCP whose Contact was not loaded as not consenting', () => {
    const w = baseline();
    w.doctors = w.doctors.filter((d) => d.Id !== 'DOC-KAVYA');
    expect(findingsOf('CONSENT_FOR_DISCLOSURE', EU, w)[0].message).toMatch(/^HCP DOC-KAVYA has not consented/);
  });
});

describe('BUDGET_OVERRUN', () => {
  it('warns (the shipped severity) when actual and committed spend pass the budget', () => {
    const w = baseline();
    w.expenses.push({
      Id: 'EXP-AV',
      Event__c: PUNE,
      Category__c: 'Audio Visual',
      Amount__c: 700,
      Stage__c: 'Committed',
    });
    expect(findingsOf('BUDGET_OVERRUN', IN, w)).toEqual([
      {
        ruleId: 'BUDGET_OVERRUN',
        severity: 'warn',
        eventId: PUNE,
        amount: 2140,
        limit: 2000,
        message:
          'Spend on Heart Failure Update Pune is ₹2,140 (₹1,440 actual + ₹700 committed), 107% of the ₹2,000 budget.',
        evidence: { budget: 2000, actual: 1440, committed: 700, spend: 2140, warnPercent: 100 },
      },
    ]);
    expect(findingsOf('BUDGET_OVERRUN', IN, w, { includeCommittedSpend: false })).toEqual([]);
  });

  it('with a pack that blocks overruns and warns from 70%, has a warn band', () => {
    const strict = withRule(IN, 'BUDGET_OVERRUN', { severity: 'Block', warnPercent: 70 });
    const w = baseline();
    expect(findingsOf('BUDGET_OVERRUN', strict, w)).toEqual([
      expect.objectContaining({
        severity: 'warn',
        message:
          'Spend on Heart Failure Update Pune is ₹1,440 (₹1,440 actual + ₹0 committed), 72% of the ₹2,000 budget (warning from 70%).',
      }),
    ]);
    eventOf(w, PUNE).Budget__c = 1000;
    expect(findingsOf('BUDGET_OVERRUN', strict, w)[0]).toMatchObject({ severity: 'block', amount: 1440, limit: 1000 });
    expect(findingsOf('BUDGET_OVERRUN', strict, w, { includeCommittedSpend: false })[0].message).toBe(
      'Spend on Heart Failure Update Pune is ₹1,440 (actual), 144% of the ₹1,000 budget.',
    );
  });

  it('flags spend on an event without a budget', () => {
    const w = baseline();
    eventOf(w, PUNE).Budget__c = null;
    expect(findingsOf('BUDGET_OVERRUN', EU, w)[0].message).toBe(
      'Heart Failure Update Pune has €1,440 of spend but no budget.',
    );
    w.expenses = [];
    expect(findingsOf('BUDGET_OVERRUN', EU, w)).toEqual([]);
  });
});

describe('CAPACITY', () => {
  it('blocks more accepted invitations than places under every pack', () => {
    const w = baseline();
    eventOf(w, PUNE).Capacity__c = 3;
    for (const pack of [IN, US, EU])
      expect(findingsOf('CAPACITY', pack, w)).toEqual([
        {
          ruleId: 'CAPACITY',
          severity: 'block',
          eventId: PUNE,
          amount: 4,
          limit: 3,
          message: 'Heart Failure Update Pune has 4 accepted invitations for 3 places.',
          evidence: { capacity: 3, accepted: 4 },
        },
      ]);
  });

  it('does not apply without a capacity or to a cancelled event', () => {
    const w = baseline();
    eventOf(w, PUNE).Capacity__c = null;
    expect(findingsOf('CAPACITY', IN, w)).toEqual([]);
    Object.assign(eventOf(w, PUNE), { Capacity__c: 1, Status__c: 'Cancelled' });
    expect(findingsOf('CAPACITY', IN, w)).toEqual([]);
  });
});

describe('CLOSEOUT_DOCUMENTS', () => {
  it('warns once 30 days have passed with a receipt reference missing', () => {
    const w = baseline();
    expenseOf(w, 'EXP-FNB').Receipt_Reference__c = ' ';
    expect(findingsOf('CLOSEOUT_DOCUMENTS', IN, w, { today: '2026-03-12' })).toEqual([]);
    expect(findingsOf('CLOSEOUT_DOCUMENTS', IN, w, { today: '2026-03-13' })).toEqual([
      {
        ruleId: 'CLOSEOUT_DOCUMENTS',
        severity: 'warn',
        eventId: PUNE,
        amount: 31,
        limit: 30,
        message:
          'Heart Failure Update Pune ended on 2026-02-10 and 31 days later has 1 paid line without a receipt reference; close-out is due within 30 days.',
        evidence: {
          end: '2026-02-10',
          deadline: '2026-03-12',
          attendanceCount: 4,
          expenseIdsWithoutReceipt: ['EXP-FNB'],
          expenseIdsNotActual: [],
        },
      },
    ]);
  });

  it('lists every missing document: attendance, receipts, unpaid lines', () => {
    const w = baseline();
    w.attendance = [];
    expenseOf(w, 'EXP-PRINT').Stage__c = 'Committed';
    expect(findingsOf('CLOSEOUT_DOCUMENTS', US, w)[0].message).toBe(
      'Heart Failure Update Pune ended on 2026-02-10 and 38 days later has no attendance records and 1 expense line not yet marked Actual; close-out is due within 30 days.',
    );
  });

  it('only applies to Completed events', () => {
    const w = baseline();
    w.attendance = [];
    eventOf(w, PUNE).Status__c = 'Closed';
    expect(findingsOf('CLOSEOUT_DOCUMENTS', IN, w)).toEqual([]);
  });
});
