import {
  countsOf,
  endOfWeek,
  eventNamesFrom,
  filterFollowUps,
  followUpsFrom,
  hasKeyPrefix,
  isFollowUpFilter,
  missingEventIds,
} from '../followUpsModel';
import { localTodayIso } from 'c/cmeUi';
import { daysBetween } from 'c/cmeDomain';

import myFollowUps from './data/myFollowUps.json';
import eventNames from './data/eventNames.json';

describe('followUpsModel', () => {
  it('recognises event ids by key prefix', () => {
    expect(hasKeyPrefix('a02000000000001AAA', 'a02')).toBe(true);
    expect(hasKeyPrefix('001000000000001AAA', 'a02')).toBe(false);
    expect(hasKeyPrefix(null, 'a02')).toBe(false);
    expect(hasKeyPrefix('a02000000000001AAA', undefined)).toBe(false);
    expect(hasKeyPrefix('a02000000000001AAA', 'a0')).toBe(false);
  });

  it('counts days and finds the end of the week', () => {
    expect(daysBetween('2027-03-05', '2027-03-10')).toBe(5);
    expect(daysBetween('2027-03-10', '2027-03-05')).toBe(-5);
    expect(daysBetween('2027-02-27', '2027-03-01')).toBe(2);
    // Wednesday 10 March 2027.
    expect(endOfWeek('2027-03-10', 0)).toBe('2027-03-13');
    expect(endOfWeek('2027-03-10', 1)).toBe('2027-03-14');
    expect(endOfWeek('2027-03-13', 0)).toBe('2027-03-13');
    expect(endOfWeek('2027-03-14', 0)).toBe('2027-03-20');
    expect(endOfWeek('2027-03-14', 1)).toBe('2027-03-14');
    expect(localTodayIso(new Date(2027, 11, 31, 23, 59))).toBe('2027-12-31');
  });

  it('reads follow-ups with their due state', () => {
    const list = followUpsFrom(myFollowUps, 'a02', '2027-03-10', 0);
    expect(list.map((f) => f.id)).not.toContain('00T000000000005AAA');
    expect(list[0]).toEqual({
      id: '00T000000000001AAA',
      subject: 'Send CME certificate',
      status: 'Not Started',
      priority: 'High',
      isHighPriority: true,
      dueDate: '2027-03-05',
      eventId: 'a02000000000001AAA',
      eventName: 'Heart Failure Update — Mumbai',
      doctorId: '003000000000001AAA',
      doctorName: 'Dr Asha Rao',
      daysOverdue: 5,
      isOverdue: true,
      isDueToday: false,
      isThisWeek: false,
    });
    const undated = list.find((f) => f.id === '00T000000000007AAA')!;
    expect(undated).toMatchObject({
      subject: '',
      dueDate: null,
      isOverdue: false,
      isDueToday: false,
      isThisWeek: false,
    });
    expect(list.find((f) => f.id === '00T000000000004AAA')!.eventName).toBeNull();
    expect(followUpsFrom(myFollowUps, undefined, '2027-03-10', 0)).toEqual([]);
    expect(followUpsFrom(undefined, 'a02', '2027-03-10', 0)).toEqual([]);
  });

  it('filters and counts', () => {
    const list = followUpsFrom(myFollowUps, 'a02', '2027-03-10', 1);
    expect(countsOf(list)).toEqual({ overdue: 2, week: 3, all: 7 });
    expect(filterFollowUps(list, 'overdue').map((f) => f.daysOverdue)).toEqual([5, 1]);
    expect(filterFollowUps(list, 'week').map((f) => f.dueDate)).toEqual(['2027-03-10', '2027-03-12', '2027-03-14']);
    expect(filterFollowUps(list, 'all')).toHaveLength(7);
    expect(isFollowUpFilter('week')).toBe(true);
    expect(isFollowUpFilter('later')).toBe(false);
  });

  it('finds the events to name and reads their names', () => {
    const list = followUpsFrom(myFollowUps, 'a02', '2027-03-10', 0);
    expect(missingEventIds(list)).toEqual(['a02000000000003AAA']);
    expect(missingEventIds([...list, { ...list[3] }])).toEqual(['a02000000000003AAA']);
    expect(eventNamesFrom(eventNames)).toEqual({ a02000000000003AAA: 'Asthma Biologics Webinar' });
    expect(
      eventNamesFrom({ uiapi: { query: { CME_Event__c: { edges: [{ node: { Id: 'x', Name: { value: null } } }] } } } }),
    ).toEqual({});
  });
});
