import {
  PRIORITY_OPTIONS,
  TEMPLATES,
  attendeesFrom,
  draftFromTemplate,
  openFollowUpsFrom,
  taskFields,
  templateFor,
  toggleSelection,
  validateDraft,
} from '../followUps';
import followUps from './data/followUps.json';
import { graphqlData } from '../../../../../test/graphqlData';

const attendance = (rows: Record<string, unknown>[]) => graphqlData('CME_Attendance__c', rows);

describe('follow-up templates', () => {
  it('has the five templates with label-backed text, priority and timing', () => {
    expect(TEMPLATES.map((t) => [t.key, t.label, t.priority, t.dueInDays])).toEqual([
      ['slides', 'Send slides', 'Normal', 2],
      ['thanks', 'Thank you note', 'Low', 3],
      ['certificate', 'Share CME certificate', 'Normal', 7],
      ['visit', 'Schedule 1:1 visit', 'Normal', 14],
      ['question', 'Answer an open question', 'High', 2],
    ]);
    expect(templateFor('thanks')?.label).toBe('Thank you note');
    expect(templateFor('nope')).toBeUndefined();
    expect(templateFor(undefined)).toBeUndefined();
    expect(PRIORITY_OPTIONS.map((o) => o.value)).toEqual(['High', 'Normal', 'Low']);
  });

  it('fills a template for an event, due its days after today', () => {
    expect(draftFromTemplate(templateFor('certificate')!, 'Diabetes Roundtable', '2026-12-28')).toEqual({
      subject: 'Share CME certificate for Diabetes Roundtable',
      dueDate: '2027-01-04',
      priority: 'Normal',
      description: 'Share the CME certificate for Diabetes Roundtable once the accreditation provider issues it.',
    });
  });
});

describe('validateDraft', () => {
  const draft = { subject: 'Send slides', dueDate: '2026-11-22', priority: 'Normal' as const, description: '' };

  it('accepts a subject and a due date from today on', () => {
    expect(validateDraft(draft, '2026-11-20')).toEqual({});
    expect(validateDraft({ ...draft, dueDate: '2026-11-20' }, '2026-11-20')).toEqual({});
  });

  it('names each field that is wrong', () => {
    expect(validateDraft({ ...draft, subject: ' ', dueDate: '' }, '2026-11-20')).toEqual({
      subject: 'Enter a subject.',
      dueDate: 'Choose a due date.',
    });
    expect(validateDraft({ ...draft, subject: 'a'.repeat(256), dueDate: '2026-11-19' }, '2026-11-20')).toEqual({
      subject: 'Keep the subject to 255 characters.',
      dueDate: 'Choose today or a later date.',
    });
    // 255 characters after trimming is fine.
    expect(validateDraft({ ...draft, subject: ` ${'a'.repeat(255)} ` }, '2026-11-20')).toEqual({});
  });
});

describe('taskFields', () => {
  it('relates the task to the event and the doctor, owned by the user, not started', () => {
    expect(
      taskFields(
        { subject: ' Thank-you note ', dueDate: '2026-11-23', priority: 'Low', description: '  ' },
        'D1',
        'E1',
        'U1',
      ),
    ).toEqual({
      Subject: 'Thank-you note',
      WhatId: 'E1',
      WhoId: 'D1',
      OwnerId: 'U1',
      ActivityDate: '2026-11-23',
      Priority: 'Low',
      Status: 'Not Started',
      Description: null,
    });
  });
});

describe('attendeesFrom', () => {
  it('lists each doctor once, by name, adding up their questions', () => {
    const data = attendance([
      {
        Id: 'A1',
        Doctor__c: { value: 'D2' },
        Questions_Asked__c: { value: 1 },
        Doctor__r: { Name: { value: 'Zoe Roy' } },
      },
      {
        Id: 'A2',
        Doctor__c: { value: 'D1' },
        Questions_Asked__c: { value: null },
        Doctor__r: {
          Name: { value: 'Anil Kapoor' },
          CME_Specialty__c: { value: 'Oncology', displayValue: 'Oncologie' },
        },
      },
      {
        Id: 'A3',
        Doctor__c: { value: 'D2' },
        Questions_Asked__c: { value: 2 },
        Doctor__r: { Name: { value: 'Zoe Roy' } },
      },
      { Id: 'A4', Doctor__c: { value: null } },
    ]);
    expect(attendeesFrom(data)).toEqual([
      { doctorId: 'D1', name: 'Dr Anil Kapoor', specialty: 'Oncologie', questions: 0, hint: '' },
      { doctorId: 'D2', name: 'Dr Zoe Roy', specialty: '', questions: 3, hint: '3 questions asked' },
    ]);
  });

  it('names a doctor whose Contact cannot be read by id', () => {
    expect(attendeesFrom(attendance([{ Id: 'A1', Doctor__c: { value: 'D7' }, Doctor__r: null }]))[0].name).toBe(
      'HCP D7',
    );
    expect(attendeesFrom(undefined)).toEqual([]);
  });

  it('keeps the fixture’s nurse practitioner without a Dr title', () => {
    expect(attendeesFrom(followUps).map((a) => a.name)).toContain('Leela Menon');
  });
});

describe('openFollowUpsFrom', () => {
  it('sorts by due date with undated last, and flags overdue tasks', () => {
    const rows = openFollowUpsFrom(followUps, '2026-11-20');
    expect(rows.map((r) => [r.id, r.due, r.overdue, r.doctor, r.priority])).toEqual([
      ['00T000000000001AAA', '2026-11-18', true, 'Dr Asha Rao', 'Normal'],
      ['00T000000000002AAA', '2026-11-22', false, 'Dr Vikram Shah', 'High'],
      ['00T000000000003AAA', null, false, 'No doctor', 'Low'],
    ]);
    // Due today is not overdue.
    expect(openFollowUpsFrom(followUps, '2026-11-18')[0].overdue).toBe(false);
  });

  it('orders tasks due the same day by subject and copes with blanks', () => {
    const data = graphqlData('Task', [
      { Id: 'T2', Subject: { value: 'b' }, ActivityDate: { value: '2026-11-21' } },
      { Id: 'T1', Subject: { value: 'a' }, ActivityDate: { value: '2026-11-21' } },
      { Id: 'T3', Subject: { value: null }, ActivityDate: { value: null }, WhoId: { value: 'D9' } },
    ]);
    expect(openFollowUpsFrom(data, '2026-11-20').map((r) => [r.id, r.subject, r.doctor, r.owner])).toEqual([
      ['T1', 'a', 'No doctor', ''],
      ['T2', 'b', 'No doctor', ''],
      ['T3', '', 'HCP D9', ''],
    ]);
  });
});

describe('toggleSelection', () => {
  const order = [{ doctorId: 'D1' }, { doctorId: 'D2' }, { doctorId: 'D3' }].map((a) => ({
    ...a,
    name: a.doctorId,
    specialty: '',
    questions: 0,
    hint: '',
  }));

  it('adds and removes a doctor, keeping the list order', () => {
    expect(toggleSelection(['D3'], 'D1', true, order)).toEqual(['D1', 'D3']);
    expect(toggleSelection(['D1', 'D3'], 'D1', false, order)).toEqual(['D3']);
    expect(toggleSelection(['D1'], 'D1', true, order)).toEqual(['D1']);
    // A doctor no longer listed drops out.
    expect(toggleSelection(['D9'], 'D2', true, order)).toEqual(['D2']);
  });
});
