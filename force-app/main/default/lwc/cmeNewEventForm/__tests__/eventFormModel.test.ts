import {
  DRAFT_FIELDS,
  F,
  FORM_SECTIONS,
  defaultDraft,
  defaultStart,
  endAfterMovingStart,
  isDraftField,
  recordFieldsFrom,
  serverErrorsFrom,
  validateDraft,
} from '../eventFormModel';
import createRecordFieldErrors from './data/createRecordFieldErrors.json';
import createRecordForbidden from './data/createRecordForbidden.json';

describe('cmeNewEventForm model', () => {
  it('lays out every draft field once, each with its own data-id', () => {
    const controls = FORM_SECTIONS.flatMap((section) => section.controls);
    expect(controls.map((c) => c.field).sort()).toEqual([...DRAFT_FIELDS].sort());
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
    expect(controls.every((c) => c.label)).toBe(true);
  });

  it('starts a new event next week from 09:00 to 17:00', () => {
    const now = new Date(2027, 2, 10, 16, 45);
    expect(defaultStart(now)).toEqual(new Date(2027, 2, 17, 9, 0));
    const draft = defaultDraft(now, {
      eventType: 'Webinar',
      format: 'Virtual',
      rulePackId: 'a05',
      timeZone: 'Asia/Kolkata',
    });
    expect(draft).toMatchObject({
      Name: '',
      Event_Type__c: 'Webinar',
      Format__c: 'Virtual',
      Start__c: new Date(2027, 2, 17, 9, 0).toISOString(),
      End__c: new Date(2027, 2, 17, 17, 0).toISOString(),
      Time_Zone__c: 'Asia/Kolkata',
      Rule_Pack__c: 'a05',
      Capacity__c: '',
    });
    expect(Object.keys(draft)).toEqual([...DRAFT_FIELDS]);
    expect(defaultDraft(now)).toMatchObject({ Event_Type__c: '', Format__c: '', Rule_Pack__c: '', Time_Zone__c: '' });
    expect(F.rulePack).toBe('Rule_Pack__c');
    expect(isDraftField('Budget__c')).toBe(true);
    expect(isDraftField('Status__c')).toBe(false);
  });

  it('keeps the event length when the start moves past the end', () => {
    const s = '2027-03-17T09:00:00.000Z';
    const e = '2027-03-17T11:00:00.000Z';
    expect(endAfterMovingStart(s, e, '2027-03-17T10:00:00.000Z')).toBe(e);
    expect(endAfterMovingStart(s, e, '2027-03-18T09:00:00.000Z')).toBe('2027-03-18T11:00:00.000Z');
    // No usable earlier length: a full day.
    expect(endAfterMovingStart('', e, '2027-03-18T09:00:00.000Z')).toBe('2027-03-18T17:00:00.000Z');
    expect(endAfterMovingStart(s, e, '')).toBe(e);
    expect(endAfterMovingStart(s, '', '2027-03-18T09:00:00.000Z')).toBe('');
  });

  describe('validateDraft (mirrors the CME_Event__c validation rules)', () => {
    const base: Record<string, string> = {
      ...defaultDraft(new Date(2027, 2, 10), { eventType: 'Conference', format: 'In-Person' }),
      Name: 'Lipids',
      Venue__c: 'Hall A',
      City__c: 'Pune',
      Country__c: 'IN',
    };

    it('accepts a complete in-person event', () => {
      expect(validateDraft(base)).toEqual({});
    });

    it('requires name, type, format, start and end', () => {
      const errors = validateDraft({ ...base, Name: '  ', Event_Type__c: '', Format__c: '', Start__c: '', End__c: '' });
      expect(Object.keys(errors).sort()).toEqual(['End__c', 'Event_Type__c', 'Format__c', 'Name', 'Start__c']);
      expect(errors.Name).toBe('Complete this field.');
      expect(validateDraft({ ...base, Start__c: 'soon', End__c: 'later' })).toEqual({
        Start__c: 'Complete this field.',
        End__c: 'Complete this field.',
      });
    });

    it('End_After_Start: the end must be after the start', () => {
      expect(validateDraft({ ...base, End__c: base.Start__c }).End__c).toBe(
        'The event must end after it starts. Check the start and end times.',
      );
    });

    it('Capacity_Positive and Budget_Not_Negative', () => {
      expect(validateDraft({ ...base, Capacity__c: '0' }).Capacity__c).toMatch(/at least 1/);
      expect(validateDraft({ ...base, Capacity__c: '2.5' }).Capacity__c).toMatch(/whole number/);
      expect(validateDraft({ ...base, Capacity__c: '1', Budget__c: '0' })).toEqual({});
      expect(validateDraft({ ...base, Budget__c: '-0.01' }).Budget__c).toBe('The budget cannot be negative.');
      expect(validateDraft({ ...base, Budget__c: 'lots' }).Budget__c).toBe('The budget cannot be negative.');
    });

    it('Venue_For_In_Person_Formats and Virtual_Url_For_Online_Formats', () => {
      const hybrid = { ...base, Format__c: 'Hybrid', Venue__c: '', City__c: '', Country__c: '' };
      expect(Object.keys(validateDraft(hybrid)).sort()).toEqual([
        'City__c',
        'Country__c',
        'Venue__c',
        'Virtual_Url__c',
      ]);
      const virtual = { ...hybrid, Format__c: 'Virtual' };
      expect(validateDraft(virtual)).toEqual({
        Virtual_Url__c: 'Virtual and hybrid events need a virtual URL so attendees can join.',
      });
      expect(validateDraft({ ...virtual, Virtual_Url__c: 'https://meet.example.com/x' })).toEqual({});
      expect(validateDraft({ ...virtual, Virtual_Url__c: 'ftp://files.example.com' }).Virtual_Url__c).toMatch(/https/);
    });

    it('Country_Is_ISO_Code and a known time zone', () => {
      expect(validateDraft({ ...base, Country__c: 'India' }).Country__c).toMatch(/two-letter ISO code/);
      expect(validateDraft({ ...base, Country__c: 'in' }).Country__c).toMatch(/two-letter ISO code/);
      expect(validateDraft({ ...base, Time_Zone__c: 'Asia/Kolkata' })).toEqual({});
      expect(validateDraft({ ...base, Time_Zone__c: 'IST+5' }).Time_Zone__c).toMatch(/time zone/);
    });
  });

  it('turns the form into record fields: trimmed, numbers as numbers, blanks left out', () => {
    const draft: Record<string, string> = {
      ...defaultDraft(new Date(2027, 2, 10)),
      Name: ' Lipids ',
      Capacity__c: '40',
      Budget__c: '0',
      Topic__c: ' ',
    };
    const fields = recordFieldsFrom(draft);
    expect(fields).toEqual({
      Name: 'Lipids',
      Start__c: draft.Start__c,
      End__c: draft.End__c,
      Capacity__c: 40,
      Budget__c: 0,
    });
    expect(fields).not.toHaveProperty('Status__c');
  });

  it('splits a createRecord error into field messages and panel messages', () => {
    expect(serverErrorsFrom(createRecordFieldErrors)).toEqual({
      fieldErrors: {
        Venue__c: 'In-person and hybrid events need a venue, a city and a country.',
        Capacity__c: 'Capacity must be at least 1, or left blank.',
      },
      messages: [
        'Use Submit for Approval: only the approval process can set the status to Pending Approval, Approved or Rejected.',
        'An event with this key already exists.',
      ],
    });
    expect(
      serverErrorsFrom({
        body: {
          output: {
            fieldErrors: { Name: [{ message: 'Too long.' }, { message: 'Not unique.' }] },
          },
        },
      }),
    ).toEqual({ fieldErrors: { Name: 'Too long. Not unique.' }, messages: [] });
    expect(serverErrorsFrom(createRecordForbidden)).toEqual({
      fieldErrors: {},
      messages: ['You do not have access to create CME events.'],
    });
    expect(serverErrorsFrom({ body: { message: 'Session expired', output: {} } })).toEqual({
      fieldErrors: {},
      messages: ['Session expired'],
    });
    expect(serverErrorsFrom(new Error('Failed to fetch'))).toEqual({ fieldErrors: {}, messages: ['Failed to fetch'] });
  });
});
