/**
 * Pure logic of event follow-ups: the templates, who attended, the open tasks, the draft a rep edits,
 * its checks, and the Task fields created for each doctor. Unit-tested directly.
 */
import { addDays, hcpName } from 'c/cmeDomain';
import type { PrimaryType } from 'c/cmeDomain';
import { displayOf, nodesOf, plainRecord } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import { formatLabel } from 'c/cmeUi';

import SUBJECT_FIELD from '@salesforce/schema/Task.Subject';
import STATUS_FIELD from '@salesforce/schema/Task.Status';
import PRIORITY_FIELD from '@salesforce/schema/Task.Priority';
import ACTIVITY_DATE_FIELD from '@salesforce/schema/Task.ActivityDate';
import WHAT_ID_FIELD from '@salesforce/schema/Task.WhatId';
import WHO_ID_FIELD from '@salesforce/schema/Task.WhoId';
import OWNER_ID_FIELD from '@salesforce/schema/Task.OwnerId';
import DESCRIPTION_FIELD from '@salesforce/schema/Task.Description';

import slidesName from '@salesforce/label/c.CME_FollowUps_Template_Slides_Name';
import slidesSubject from '@salesforce/label/c.CME_FollowUps_Template_Slides_Subject';
import slidesDescription from '@salesforce/label/c.CME_FollowUps_Template_Slides_Description';
import thanksName from '@salesforce/label/c.CME_FollowUps_Template_Thanks_Name';
import thanksSubject from '@salesforce/label/c.CME_FollowUps_Template_Thanks_Subject';
import thanksDescription from '@salesforce/label/c.CME_FollowUps_Template_Thanks_Description';
import certificateName from '@salesforce/label/c.CME_FollowUps_Template_Certificate_Name';
import certificateSubject from '@salesforce/label/c.CME_FollowUps_Template_Certificate_Subject';
import certificateDescription from '@salesforce/label/c.CME_FollowUps_Template_Certificate_Description';
import visitName from '@salesforce/label/c.CME_FollowUps_Template_Visit_Name';
import visitSubject from '@salesforce/label/c.CME_FollowUps_Template_Visit_Subject';
import visitDescription from '@salesforce/label/c.CME_FollowUps_Template_Visit_Description';
import questionName from '@salesforce/label/c.CME_FollowUps_Template_Question_Name';
import questionSubject from '@salesforce/label/c.CME_FollowUps_Template_Question_Subject';
import questionDescription from '@salesforce/label/c.CME_FollowUps_Template_Question_Description';
import priorityHighLabel from '@salesforce/label/c.CME_FollowUps_Priority_High';
import priorityNormalLabel from '@salesforce/label/c.CME_FollowUps_Priority_Normal';
import priorityLowLabel from '@salesforce/label/c.CME_FollowUps_Priority_Low';
import subjectRequiredLabel from '@salesforce/label/c.CME_FollowUps_Subject_Required';
import subjectTooLongLabel from '@salesforce/label/c.CME_FollowUps_Subject_Too_Long';
import dueRequiredLabel from '@salesforce/label/c.CME_FollowUps_Due_Required';
import duePastLabel from '@salesforce/label/c.CME_FollowUps_Due_Past';
import questionOneLabel from '@salesforce/label/c.CME_FollowUps_Question_One';
import questionManyLabel from '@salesforce/label/c.CME_FollowUps_Question_Many';
import noDoctorLabel from '@salesforce/label/c.CME_FollowUps_No_Doctor';

/** Task.Priority values (scripts/src/localorg/schema.ts and the standard picklist). */
export type TaskPriority = 'High' | 'Normal' | 'Low';

/** The Task.Status a new follow-up starts in, and the one that closes it. */
export const STATUS_NOT_STARTED = 'Not Started';
export const STATUS_COMPLETED = 'Completed';

/** Subject is a 255-character field. */
export const SUBJECT_MAX_LENGTH = 255;

export interface FollowUpTemplate {
  key: string;
  label: string;
  /** Label with {0} for the event name. */
  subject: string;
  /** Label with {0} for the event name. */
  description: string;
  priority: TaskPriority;
  dueInDays: number;
}

/** What reps send after an event, with sensible priority and timing; text comes from custom labels. */
export const TEMPLATES: readonly FollowUpTemplate[] = Object.freeze([
  {
    key: 'slides',
    label: slidesName,
    subject: slidesSubject,
    description: slidesDescription,
    priority: 'Normal',
    dueInDays: 2,
  },
  {
    key: 'thanks',
    label: thanksName,
    subject: thanksSubject,
    description: thanksDescription,
    priority: 'Low',
    dueInDays: 3,
  },
  {
    key: 'certificate',
    label: certificateName,
    subject: certificateSubject,
    description: certificateDescription,
    priority: 'Normal',
    dueInDays: 7,
  },
  {
    key: 'visit',
    label: visitName,
    subject: visitSubject,
    description: visitDescription,
    priority: 'Normal',
    dueInDays: 14,
  },
  {
    key: 'question',
    label: questionName,
    subject: questionSubject,
    description: questionDescription,
    priority: 'High',
    dueInDays: 2,
  },
] as FollowUpTemplate[]);

export function templateFor(key: string | undefined): FollowUpTemplate | undefined {
  return TEMPLATES.find((t) => t.key === key);
}

export const PRIORITY_OPTIONS: readonly { label: string; value: TaskPriority }[] = Object.freeze([
  { label: priorityHighLabel, value: 'High' },
  { label: priorityNormalLabel, value: 'Normal' },
  { label: priorityLowLabel, value: 'Low' },
] as { label: string; value: TaskPriority }[]);

// ---------------------------------------------------------------------------------------------------
// Reading the query
// ---------------------------------------------------------------------------------------------------

export interface Attendee {
  doctorId: string;
  name: string;
  specialty: string;
  questions: number;
  /** "2 questions asked", or '' when none. */
  hint: string;
}

interface AttendanceRow {
  Id: string;
  Doctor__c?: string | null;
  Questions_Asked__c?: number | null;
  Doctor__r?: { Name?: string | null; CME_Primary_Type__c?: PrimaryType | null } | null;
}

/** The doctors who attended, once each (questions added up), by name. */
export function attendeesFrom(data: unknown): Attendee[] {
  const byDoctor = new Map<string, Attendee>();
  for (const node of nodesOf(data, 'CME_Attendance__c')) {
    const row = plainRecord<AttendanceRow>(node);
    if (!row.Doctor__c) continue;
    const known = byDoctor.get(row.Doctor__c);
    const questions = (known?.questions ?? 0) + (row.Questions_Asked__c ?? 0);
    byDoctor.set(row.Doctor__c, {
      doctorId: row.Doctor__c,
      name: known?.name ?? hcpName({ Id: row.Doctor__c, ...(row.Doctor__r ?? {}) }, row.Doctor__c),
      // The picklist's label in the user's language, not its API value.
      specialty: known?.specialty ?? displayOf(node.Doctor__r as GraphqlNode | undefined, 'CME_Specialty__c'),
      questions,
      hint: questions === 0 ? '' : formatLabel(questions === 1 ? questionOneLabel : questionManyLabel, questions),
    });
  }
  return [...byDoctor.values()].sort((a, b) => a.name.localeCompare(b.name) || a.doctorId.localeCompare(b.doctorId));
}

export interface OpenFollowUp {
  id: string;
  subject: string;
  doctorId: string;
  doctor: string;
  due: string | null;
  overdue: boolean;
  owner: string;
  priority: string;
}

interface TaskRow {
  Id: string;
  Subject?: string | null;
  ActivityDate?: string | null;
  Priority?: string | null;
  WhoId?: string | null;
  Who?: { Id?: string; Name?: string | null } | null;
  Owner?: { Name?: string | null } | null;
}

/** The event's open tasks, soonest due first (undated last), each marked overdue when past due. */
export function openFollowUpsFrom(data: unknown, today: string): OpenFollowUp[] {
  return nodesOf(data, 'Task')
    .map((n) => plainRecord<TaskRow>(n))
    .map((t) => ({
      id: t.Id,
      subject: t.Subject ?? '',
      doctorId: t.WhoId ?? '',
      doctor: t.WhoId ? hcpName({ Id: t.WhoId, Name: t.Who?.Name }, t.WhoId) : noDoctorLabel,
      due: t.ActivityDate ?? null,
      overdue: !!t.ActivityDate && t.ActivityDate < today,
      owner: t.Owner?.Name ?? '',
      priority: t.Priority ?? '',
    }))
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.subject.localeCompare(b.subject));
}

// ---------------------------------------------------------------------------------------------------
// The draft
// ---------------------------------------------------------------------------------------------------

export interface FollowUpDraft {
  subject: string;
  dueDate: string;
  priority: TaskPriority;
  description: string;
}

/** The template filled in for this event, due the template's days from today. */
export function draftFromTemplate(template: FollowUpTemplate, eventName: string, today: string): FollowUpDraft {
  return {
    subject: formatLabel(template.subject, eventName),
    dueDate: addDays(today, template.dueInDays),
    priority: template.priority,
    description: formatLabel(template.description, eventName),
  };
}

export interface DraftErrors {
  subject?: string;
  dueDate?: string;
}

/** What is wrong with the draft, by field; empty when it can be created. */
export function validateDraft(draft: FollowUpDraft, today: string): DraftErrors {
  const errors: DraftErrors = {};
  const subject = draft.subject.trim();
  if (!subject) errors.subject = subjectRequiredLabel;
  else if (subject.length > SUBJECT_MAX_LENGTH) errors.subject = formatLabel(subjectTooLongLabel, SUBJECT_MAX_LENGTH);
  if (!draft.dueDate) errors.dueDate = dueRequiredLabel;
  else if (draft.dueDate < today) errors.dueDate = duePastLabel;
  return errors;
}

/** The Task to create for one doctor: related to the event, about the doctor, owned by the rep. */
export function taskFields(
  draft: FollowUpDraft,
  doctorId: string,
  eventId: string,
  ownerId: string,
): Record<string, unknown> {
  return {
    [SUBJECT_FIELD.fieldApiName]: draft.subject.trim(),
    [WHAT_ID_FIELD.fieldApiName]: eventId,
    [WHO_ID_FIELD.fieldApiName]: doctorId,
    [OWNER_ID_FIELD.fieldApiName]: ownerId,
    [ACTIVITY_DATE_FIELD.fieldApiName]: draft.dueDate,
    [PRIORITY_FIELD.fieldApiName]: draft.priority,
    [STATUS_FIELD.fieldApiName]: STATUS_NOT_STARTED,
    [DESCRIPTION_FIELD.fieldApiName]: draft.description.trim() || null,
  };
}

/** Selected ids after toggling one, kept in the attendees' order. */
export function toggleSelection(
  selected: readonly string[],
  doctorId: string,
  checked: boolean,
  order: readonly Attendee[],
): string[] {
  const set = new Set(selected);
  if (checked) set.add(doctorId);
  else set.delete(doctorId);
  return order.map((a) => a.doctorId).filter((id) => set.has(id));
}
