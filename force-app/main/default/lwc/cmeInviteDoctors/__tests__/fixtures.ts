/**
 * The invite screen's event and pack as its model tests take them (not a test: jest runs *.test.ts):
 * the approved Mumbai event of data/eventApproved.json as a CmeEvent, and the pack of
 * data/rulePacks.json as c/cmeRecords reads it. The insights tests use them too.
 */
import { rulePacksFrom } from 'c/cmeRecords';
import type { CmeEvent } from 'c/cmeDomain';
import rulePackData from './data/rulePacks.json';

export const [pack] = rulePacksFrom(rulePackData);

export const event: CmeEvent = {
  Id: 'a01000000000001AAA',
  Name: 'Heart Failure Update — Mumbai',
  Status__c: 'Approved',
  Start__c: '2027-01-15T04:00:00.000Z',
  Topic__c: 'Heart failure with preserved ejection fraction',
  Format__c: 'In-Person',
  Event_Type__c: 'Conference',
  Approved_On__c: '2026-10-01T06:00:00.000Z',
};

/** The where clause the doctor search builds for one typed word (and the specialties that word names). */
export const word = (w: string, specialties: string[] = []) => ({
  or: [
    { Name: { like: `%${w}%` } },
    { CME_Territory__c: { like: `%${w}%` } },
    { MailingCity: { like: `%${w}%` } },
    ...(specialties.length ? [{ CME_Specialty__c: { in: specialties } }] : []),
  ],
});
