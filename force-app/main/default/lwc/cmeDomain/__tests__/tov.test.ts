/**
 * Transfer-of-value allocation over the hybrid conference in data/tov.json: direct and shared lines,
 * no-shows, walk-ins, meal opt-outs, online attendees, leftover cents, stages and categories.
 */
import {
  EXPENSE_CATEGORIES,
  SPEAKER_COMPENSATION_NATURE,
  allocateTransfersOfValue,
  efpiaCategoryFor,
  efpiaHeadingFor,
  invitationByDoctor,
  openPaymentsNatureFor,
  paymentFormFor,
  rolesByDoctor,
  splitEvenly,
  sumMoney,
  summariseByHcp,
  yearWindowStarting,
} from 'c/cmeDomain';
import type { ExpenseCategory, TovAllocation } from 'c/cmeDomain';
import { IN, tovScenario } from './fixtures';

function allocate(options = {}) {
  const s = tovScenario();
  return allocateTransfersOfValue(s.event, s.expenses, s.attendance, s.invitations, options);
}

function sharesOf(allocations: TovAllocation[], expenseId: string): Record<string, number> {
  return Object.fromEntries(allocations.filter((a) => a.expenseId === expenseId).map((a) => [a.doctorId, a.amount]));
}

function totalsByDoctor(allocations: TovAllocation[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of allocations) out[a.doctorId] = sumMoney([out[a.doctorId] ?? 0, a.amount]);
  return out;
}

describe('allocateTransfersOfValue: who shares what', () => {
  const { allocations } = allocate();

  it('splits food and beverage across those who ate: not the opt-out, the online attendee or the no-show; the walk-in yes', () => {
    expect(sharesOf(allocations, 'EXP-01-FNB')).toEqual({ 'DOC-A': 33.34, 'DOC-B': 33.33, 'DOC-D': 33.33 });
  });

  it('splits the venue across everyone in the room, meal opt-outs included', () => {
    expect(sharesOf(allocations, 'EXP-02-VENUE')).toEqual({ 'DOC-A': 250, 'DOC-B': 250, 'DOC-C': 250, 'DOC-D': 250 });
  });

  it('splits audio-visual across every attendee, online too, with the leftover cent going to the first by id', () => {
    expect(sharesOf(allocations, 'EXP-03-AV')).toEqual({
      'DOC-A': 20.01,
      'DOC-B': 20,
      'DOC-C': 20,
      'DOC-D': 20,
      'DOC-E': 20,
    });
  });

  it('shares every shared line of one kind among the same HCPs, and each kind among its own', () => {
    const s = tovScenario();
    const line = (id: string, category: ExpenseCategory) => ({
      ...s.expenses.find((e) => e.Id === 'EXP-01-FNB'),
      Id: id,
      Category__c: category,
      Amount__c: 60,
    });
    const lines = [
      ...s.expenses,
      line('EXP-11-FNB', 'Food and Beverage'),
      line('EXP-12-TRAVEL', 'Travel and Lodging'),
      line('EXP-13-PRINT', 'Printed Material'),
    ];
    const all = allocateTransfersOfValue(s.event, lines, s.attendance, s.invitations).allocations;
    const sharers = (id: string) => Object.keys(sharesOf(all, id));
    expect(sharers('EXP-11-FNB')).toEqual(sharers('EXP-01-FNB'));
    expect(sharers('EXP-12-TRAVEL')).toEqual(sharers('EXP-02-VENUE'));
    expect(sharers('EXP-13-PRINT')).toEqual(sharers('EXP-03-AV'));
    expect([sharers('EXP-11-FNB'), sharers('EXP-12-TRAVEL'), sharers('EXP-13-PRINT')].map((d) => d.length)).toEqual([
      3, 4, 5,
    ]);
  });

  it('gives a direct line wholly to its HCP, even a no-show', () => {
    expect(sharesOf(allocations, 'EXP-08-TRAVEL-F')).toEqual({ 'DOC-F': 300 });
    expect(sharesOf(allocations, 'EXP-06-HON-A')).toEqual({ 'DOC-A': 1200 });
  });

  it('makes every line sum exactly to its amount, and the whole to the attributed spend', () => {
    for (const id of new Set(allocations.map((a) => a.expenseId))) {
      const lines = allocations.filter((a) => a.expenseId === id);
      expect(sumMoney(lines.map((a) => a.amount))).toBe(lines[0].lineAmount);
    }
    expect(totalsByDoctor(allocations)).toEqual({
      'DOC-A': 1953.85,
      'DOC-B': 453.33,
      'DOC-C': 270,
      'DOC-D': 303.33,
      'DOC-E': 20,
      'DOC-F': 300,
    });
    expect(sumMoney(allocations.map((a) => a.amount))).toBe(3300.51);
  });

  it('counts only Actual lines by default and ignores other events', () => {
    const ids = new Set(allocations.map((a) => a.expenseId));
    expect(ids.has('EXP-04-PRINT')).toBe(false); // Committed
    expect(ids.has('EXP-10-FNB-EST')).toBe(false); // Estimated
    expect(ids.has('EXP-OTHER-EVENT')).toBe(false);
  });

  it('lists allocations by date, then line, then HCP', () => {
    expect(allocations.slice(0, 3).map((a) => [a.date, a.expenseId, a.doctorId])).toEqual([
      ['2026-04-30', 'EXP-05-REG-B', 'DOC-B'],
      ['2026-05-18', 'EXP-02-VENUE', 'DOC-A'],
      ['2026-05-18', 'EXP-02-VENUE', 'DOC-B'],
    ]);
  });
});

describe('allocateTransfersOfValue: what each allocated line carries', () => {
  const { allocations } = allocate();
  const line = (expenseId: string, doctorId: string) =>
    allocations.find((a) => a.expenseId === expenseId && a.doctorId === doctorId) as TovAllocation;

  it('a speaker honorarium is faculty compensation (Open Payments) and Fees (EFPIA), paid in cash', () => {
    expect(line('EXP-06-HON-A', 'DOC-A')).toEqual({
      eventId: 'EVT-HYBRID',
      expenseId: 'EXP-06-HON-A',
      doctorId: 'DOC-A',
      category: 'Speaker Honorarium',
      stage: 'Actual',
      amount: 1200,
      lineAmount: 1200,
      basis: 'direct',
      recipients: 1,
      role: 'Speaker',
      faculty: true,
      paymentDate: '2026-05-25',
      date: '2026-05-25',
      paymentForm: 'Cash or cash equivalent',
      openPaymentsNature: 'Compensation for serving as faculty or as a speaker for a medical education program',
      efpiaCategory: 'Fees',
      efpiaHeading: 'Fee for service and consultancy',
    });
  });

  it.each([
    {
      what: "the speaker's travel is a related expense of the fee contract, in kind",
      expenseId: 'EXP-07-TRAVEL-A',
      doctorId: 'DOC-A',
      carries: {
        openPaymentsNature: 'Travel and Lodging',
        efpiaCategory: 'Related expenses agreed in the fee for service or consultancy contract',
        paymentForm: 'In-kind items and services',
      },
    },
    {
      what: "a learner's travel is travel & accommodation, a contribution to costs of events",
      expenseId: 'EXP-08-TRAVEL-F',
      doctorId: 'DOC-F',
      carries: {
        role: 'Attendee',
        faculty: false,
        efpiaCategory: 'Travel & accommodation',
        efpiaHeading: 'Contribution to costs of events',
      },
    },
    {
      what: 'a registration fee is Education (Open Payments) and Registration fees (EFPIA), in kind',
      expenseId: 'EXP-05-REG-B',
      doctorId: 'DOC-B',
      carries: {
        openPaymentsNature: 'Education',
        efpiaCategory: 'Registration fees',
        paymentForm: 'In-kind items and services',
      },
    },
    {
      what: "a walk-in's meal share is Food and Beverage with no role",
      expenseId: 'EXP-01-FNB',
      doctorId: 'DOC-D',
      carries: {
        basis: 'per-capita',
        recipients: 3,
        role: null,
        faculty: false,
        openPaymentsNature: 'Food and Beverage',
        efpiaCategory: 'Travel & accommodation',
      },
    },
  ])('$what', ({ expenseId, doctorId, carries }) => {
    expect(line(expenseId, doctorId)).toMatchObject(carries);
  });
});

describe('allocateTransfersOfValue: options and lines nobody receives', () => {
  it('includes Committed lines when asked, dated on the event day until paid', () => {
    const { allocations } = allocate({ includeCommitted: true });
    const print = allocations.filter((a) => a.expenseId === 'EXP-04-PRINT');
    expect(print.map((a) => a.amount)).toEqual([2, 2, 2, 2, 2]);
    expect(print[0]).toMatchObject({ stage: 'Committed', paymentDate: null, date: '2026-05-20' });
  });

  it('never splits an accreditation fee across HCPs', () => {
    expect(allocate().unattributed).toEqual([
      {
        eventId: 'EVT-HYBRID',
        expenseId: 'EXP-09-ACCRED',
        category: 'Accreditation Fee',
        stage: 'Actual',
        amount: 500,
        reason: 'not-a-transfer-to-hcps',
        message: 'This Accreditation Fee line names no doctor and is not a transfer of value to HCPs.',
      },
    ]);
  });

  it('leaves a shared line unattributed when nobody attended', () => {
    const s = tovScenario();
    const result = allocateTransfersOfValue(s.event, s.expenses, [], s.invitations);
    expect(result.unattributed.filter((u) => u.reason === 'no-eligible-attendees').map((u) => u.expenseId)).toEqual([
      'EXP-01-FNB',
      'EXP-02-VENUE',
      'EXP-03-AV',
    ]);
    expect(new Set(result.allocations.map((a) => a.basis))).toEqual(new Set(['direct']));
  });

  it('can leave conference buffets unattributed, as Open Payments allows', () => {
    const result = allocate({ excludeConferenceBuffets: true });
    expect(result.allocations.some((a) => a.expenseId === 'EXP-01-FNB')).toBe(false);
    expect(result.unattributed.map((u) => [u.expenseId, u.reason])).toContainEqual(['EXP-01-FNB', 'conference-buffet']);
  });

  it('treats attendance with no mode as online at a virtual event, and lines without event, category or stage sensibly', () => {
    const s = tovScenario();
    const virtual = { ...s.event, Format__c: 'Virtual' as const };
    const attendance = s.attendance.map((a) => ({ ...a, Mode__c: null }));
    const expenses = [
      { Id: 'X-VENUE', Event__c: '', Category__c: 'Venue' as const, Amount__c: 80, Stage__c: 'Actual' as const },
      { Id: 'X-OTHER', Event__c: 'EVT-HYBRID', Amount__c: 50, Stage__c: 'Actual' as const },
      { Id: 'X-NOSTAGE', Event__c: 'EVT-HYBRID', Category__c: 'Other' as const, Amount__c: 50 },
    ];
    const result = allocateTransfersOfValue(virtual, expenses, attendance, s.invitations);
    expect(result.unattributed.map((u) => [u.expenseId, u.reason])).toEqual([['X-VENUE', 'no-eligible-attendees']]);
    expect(result.allocations.filter((a) => a.expenseId === 'X-OTHER')).toHaveLength(5);
    expect(result.allocations.some((a) => a.expenseId === 'X-NOSTAGE')).toBe(false); // no stage: Estimated
    const shareOf = (doctorId: string) => result.allocations.find((a) => a.doctorId === doctorId);
    expect(shareOf('DOC-A')).toMatchObject({
      category: 'Other',
      date: '2026-05-20',
      efpiaCategory: expect.stringMatching(/^Related/),
    });
    expect(shareOf('DOC-B')).toMatchObject({ category: 'Other', efpiaCategory: 'Registration fees' });
  });
});

describe('categories', () => {
  const categories: readonly ExpenseCategory[] = EXPENSE_CATEGORIES;

  it('maps every category to an Open Payments nature, for faculty and for learners', () => {
    expect(categories.map((c) => [c, openPaymentsNatureFor(c, true), openPaymentsNatureFor(c, false)])).toEqual([
      ['Venue', 'Education', 'Education'],
      ['Food and Beverage', 'Food and Beverage', 'Food and Beverage'],
      ['Travel and Lodging', 'Travel and Lodging', 'Travel and Lodging'],
      ['Speaker Honorarium', SPEAKER_COMPENSATION_NATURE, 'Honoraria'],
      ['Registration Fee', 'Education', 'Education'],
      ['Audio Visual', 'Education', 'Education'],
      ['Printed Material', 'Education', 'Education'],
      ['Accreditation Fee', 'Education', 'Education'],
      ['Other', 'Education', 'Education'],
    ]);
  });

  it('maps every category to an EFPIA category under its heading', () => {
    const related = 'Related expenses agreed in the fee for service or consultancy contract';
    expect(categories.map((c) => [c, efpiaCategoryFor(c, true), efpiaCategoryFor(c, false)])).toEqual([
      ['Venue', related, 'Registration fees'],
      ['Food and Beverage', related, 'Travel & accommodation'],
      ['Travel and Lodging', related, 'Travel & accommodation'],
      ['Speaker Honorarium', 'Fees', 'Fees'],
      ['Registration Fee', related, 'Registration fees'],
      ['Audio Visual', related, 'Registration fees'],
      ['Printed Material', related, 'Registration fees'],
      ['Accreditation Fee', related, 'Registration fees'],
      ['Other', related, 'Registration fees'],
    ]);
    expect(efpiaHeadingFor('Fees')).toBe('Fee for service and consultancy');
    expect(efpiaHeadingFor(related)).toBe('Fee for service and consultancy');
    expect(efpiaHeadingFor('Registration fees')).toBe('Contribution to costs of events');
  });

  it('takes the form of payment from the line, else cash for honoraria and in kind for the rest', () => {
    expect(paymentFormFor({ Id: 'x', Event__c: 'e', Category__c: 'Speaker Honorarium' })).toBe(
      'Cash or cash equivalent',
    );
    expect(paymentFormFor({ Id: 'x', Event__c: 'e', Category__c: 'Venue' })).toBe('In-kind items and services');
    expect(
      paymentFormFor({ Id: 'x', Event__c: 'e', Category__c: 'Venue', Payment_Form__c: 'Cash or cash equivalent' }),
    ).toBe('Cash or cash equivalent');
  });
});

describe('roles from invitations', () => {
  it('prefers a live invitation over a declined one, then the lowest id', () => {
    const invitations = [
      { Id: 'I2', Event__c: 'E', Doctor__c: 'D1', Status__c: 'Declined' as const, Role__c: 'Speaker' as const },
      { Id: 'I3', Event__c: 'E', Doctor__c: 'D1', Status__c: 'Accepted' as const, Role__c: 'Panelist' as const },
      { Id: 'I1', Event__c: 'E', Doctor__c: 'D1', Status__c: 'Accepted' as const },
      { Id: 'I4', Event__c: 'E', Doctor__c: 'D2', Status__c: 'Cancelled' as const, Role__c: 'Moderator' as const },
      { Id: 'I5', Event__c: 'E', Doctor__c: '', Status__c: 'Accepted' as const },
    ];
    expect(invitationByDoctor(invitations).get('D1')?.Id).toBe('I1');
    expect([...rolesByDoctor(invitations)]).toEqual([
      ['D1', 'Attendee'],
      ['D2', 'Moderator'],
    ]);
  });
});

describe('splitEvenly and sumMoney', () => {
  it('splits to the cent with the leftover cents first, for credits too', () => {
    expect(splitEvenly(0.1, 3)).toEqual([0.04, 0.03, 0.03]);
    expect(splitEvenly(-0.1, 3)).toEqual([-0.04, -0.03, -0.03]);
    expect(splitEvenly(100, 1)).toEqual([100]);
    expect(() => splitEvenly(1, 0)).toThrow(RangeError);
  });

  it('adds without float drift', () => {
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
  });
});

describe('summariseByHcp', () => {
  const { allocations } = allocate({ includeCommitted: true });

  it('totals each HCP within one year window, by nature and by EFPIA category', () => {
    const rows = summariseByHcp(allocations, yearWindowStarting(2026, IN));
    expect(rows.map((r) => [r.doctorId, r.total, r.lines])).toEqual([
      ['DOC-A', 1955.85, 6],
      ['DOC-B', 455.33, 5],
      ['DOC-C', 272, 3],
      ['DOC-D', 305.33, 4],
      ['DOC-E', 22, 2],
      ['DOC-F', 300, 1],
    ]);
    expect(rows[0]).toMatchObject({
      window: { label: 'FY2026-27', start: '2026-04-01', end: '2027-03-31' },
      eventIds: ['EVT-HYBRID'],
      byOpenPaymentsNature: {
        'Food and Beverage': 33.34,
        Education: 272.01,
        'Travel and Lodging': 450.5,
        [SPEAKER_COMPENSATION_NATURE]: 1200,
      },
      byEfpiaCategory: {
        Fees: 1200,
        'Related expenses agreed in the fee for service or consultancy contract': 755.85,
      },
    });
  });

  it('leaves out what falls outside the window, and places each line in its own year given a year spec', () => {
    expect(summariseByHcp(allocations, yearWindowStarting(2025, IN))).toEqual([]);
    const moved = allocations.map((a) => (a.expenseId === 'EXP-05-REG-B' ? { ...a, date: '2026-03-31' } : a));
    const rows = summariseByHcp(moved, IN).filter((r) => r.doctorId === 'DOC-B');
    expect(rows.map((r) => [r.window.label, r.total])).toEqual([
      ['FY2025-26', 150],
      ['FY2026-27', 305.33],
    ]);
    expect(summariseByHcp([{ ...allocations[0], date: null }], IN)).toEqual([]);
  });

  it('adds amounts to the exact cent, lists each event once, and keeps a year per HCP apart', () => {
    const base = allocations[0];
    const lines = [0.1, 0.2, 0.7].map((amount, i) => ({
      ...base,
      doctorId: 'DOC-Z',
      eventId: i === 1 ? 'EVT-A' : 'EVT-B',
      amount,
      date: i === 2 ? '2027-05-01' : '2026-05-01',
    }));
    const rows = summariseByHcp(lines, IN);
    expect(rows.map((r) => [r.window.label, r.total, r.eventIds, r.lines])).toEqual([
      ['FY2026-27', 0.3, ['EVT-A', 'EVT-B'], 2],
      ['FY2027-28', 0.7, ['EVT-B'], 1],
    ]);
    expect(rows[0].byOpenPaymentsNature).toEqual({ [base.openPaymentsNature]: 0.3 });
    expect(rows[0].byEfpiaCategory).toEqual({ [base.efpiaCategory]: 0.3 });
  });
});
