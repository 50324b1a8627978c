/**
 * The new-event form's pure logic: its fields, defaults, validation mirroring CME_Event__c's
 * validation rules, the record fields for createRecord and a createRecord error split per field.
 * No platform imports except schema and labels (./labels), so every rule is unit-tested directly.
 */
import { formServerErrors } from 'c/cmeErrors';
import type { FormControl as BaseControl } from 'c/cmeFormControl';
import { isValidTimeZone } from 'c/cmeUi';
import { LABELS } from './labels';

import NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import TYPE_FIELD from '@salesforce/schema/CME_Event__c.Event_Type__c';
import FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import START_FIELD from '@salesforce/schema/CME_Event__c.Start__c';
import END_FIELD from '@salesforce/schema/CME_Event__c.End__c';
import TIME_ZONE_FIELD from '@salesforce/schema/CME_Event__c.Time_Zone__c';
import VENUE_FIELD from '@salesforce/schema/CME_Event__c.Venue__c';
import CITY_FIELD from '@salesforce/schema/CME_Event__c.City__c';
import COUNTRY_FIELD from '@salesforce/schema/CME_Event__c.Country__c';
import VIRTUAL_URL_FIELD from '@salesforce/schema/CME_Event__c.Virtual_Url__c';
import THERAPY_AREA_FIELD from '@salesforce/schema/CME_Event__c.Therapy_Area__c';
import TOPIC_FIELD from '@salesforce/schema/CME_Event__c.Topic__c';
import EDUCATIONAL_NEED_FIELD from '@salesforce/schema/CME_Event__c.Educational_Need__c';
import CAPACITY_FIELD from '@salesforce/schema/CME_Event__c.Capacity__c';
import BUDGET_FIELD from '@salesforce/schema/CME_Event__c.Budget__c';
import RULE_PACK_FIELD from '@salesforce/schema/CME_Event__c.Rule_Pack__c';

/** The form's fields by role; the values are the API names the form's inputs and createRecord use. */
export const F = Object.freeze({
  name: NAME_FIELD.fieldApiName,
  eventType: TYPE_FIELD.fieldApiName,
  format: FORMAT_FIELD.fieldApiName,
  start: START_FIELD.fieldApiName,
  end: END_FIELD.fieldApiName,
  timeZone: TIME_ZONE_FIELD.fieldApiName,
  venue: VENUE_FIELD.fieldApiName,
  city: CITY_FIELD.fieldApiName,
  country: COUNTRY_FIELD.fieldApiName,
  virtualUrl: VIRTUAL_URL_FIELD.fieldApiName,
  therapyArea: THERAPY_AREA_FIELD.fieldApiName,
  topic: TOPIC_FIELD.fieldApiName,
  educationalNeed: EDUCATIONAL_NEED_FIELD.fieldApiName,
  capacity: CAPACITY_FIELD.fieldApiName,
  budget: BUDGET_FIELD.fieldApiName,
  rulePack: RULE_PACK_FIELD.fieldApiName,
});

export const DRAFT_FIELDS: readonly string[] = Object.values(F);

/** The form's values by field API name, as the inputs give them (text). */
export type EventDraft = Record<string, string>;
/** Error message per field API name. */
export type DraftErrors = Record<string, string>;

export function isDraftField(name: string): boolean {
  return DRAFT_FIELDS.includes(name);
}

/** Next week, same weekday, at 09:00 in the browser's time zone. */
export function defaultStart(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 7, 9, 0, 0, 0);
}

/** A full day: 09:00 to 17:00. */
const DEFAULT_DURATION_MS = 8 * 60 * 60 * 1000;

export interface DraftDefaults {
  eventType?: string;
  format?: string;
  rulePackId?: string;
  timeZone?: string;
}

/** The form of a new event: next week 09:00–17:00 in the user's time zone, the picklists' defaults. */
export function defaultDraft(now: Date, defaults: DraftDefaults = {}): EventDraft {
  const start = defaultStart(now);
  const draft: EventDraft = Object.fromEntries(DRAFT_FIELDS.map((f) => [f, '']));
  draft[F.eventType] = defaults.eventType ?? '';
  draft[F.format] = defaults.format ?? '';
  draft[F.start] = start.toISOString();
  draft[F.end] = new Date(start.getTime() + DEFAULT_DURATION_MS).toISOString();
  draft[F.timeZone] = defaults.timeZone ?? '';
  draft[F.rulePack] = defaults.rulePackId ?? '';
  return draft;
}

/**
 * When the start moves, the end keeps the event's length if it would otherwise no longer be after
 * the start (a planner who moves a full-day event to Thursday expects it to end on Thursday).
 */
export function endAfterMovingStart(previousStart: string, end: string, newStart: string): string {
  const s0 = Date.parse(previousStart);
  const e = Date.parse(end);
  const s1 = Date.parse(newStart);
  if (Number.isNaN(s1) || Number.isNaN(e) || e > s1) return end;
  const duration = !Number.isNaN(s0) && e > s0 ? e - s0 : DEFAULT_DURATION_MS;
  return new Date(s1 + duration).toISOString();
}

const IN_PERSON_FORMATS = new Set(['In-Person', 'Hybrid']);
const ONLINE_FORMATS = new Set(['Virtual', 'Hybrid']);

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The form's errors per field, mirroring the object's required fields and validation rules
 * (End_After_Start, Capacity_Positive, Budget_Not_Negative, Venue_For_In_Person_Formats,
 * Virtual_Url_For_Online_Formats, Country_Is_ISO_Code), so the user sees them before saving.
 */
export function validateDraft(draft: EventDraft): DraftErrors {
  const errors: DraftErrors = {};
  const value = (field: string) => (draft[field] ?? '').trim();
  for (const field of [F.name, F.eventType, F.format, F.start, F.end])
    if (!value(field)) errors[field] = LABELS.errorRequiredLabel;

  const start = Date.parse(value(F.start));
  const end = Date.parse(value(F.end));
  if (!errors[F.start] && Number.isNaN(start)) errors[F.start] = LABELS.errorRequiredLabel;
  if (!errors[F.end] && Number.isNaN(end)) errors[F.end] = LABELS.errorRequiredLabel;
  if (!errors[F.start] && !errors[F.end] && end <= start) errors[F.end] = LABELS.errorEndAfterStartLabel;

  if (value(F.capacity)) {
    const capacity = Number(value(F.capacity));
    if (!Number.isInteger(capacity) || capacity < 1) errors[F.capacity] = LABELS.errorCapacityLabel;
  }
  if (value(F.budget)) {
    const budget = Number(value(F.budget));
    if (!Number.isFinite(budget) || budget < 0) errors[F.budget] = LABELS.errorBudgetLabel;
  }

  const format = value(F.format);
  if (IN_PERSON_FORMATS.has(format))
    for (const field of [F.venue, F.city, F.country]) if (!value(field)) errors[field] = LABELS.errorVenueLabel;
  if (value(F.country) && !/^[A-Z]{2}$/.test(value(F.country))) errors[F.country] = LABELS.errorCountryLabel;

  if (value(F.virtualUrl) && !isHttpUrl(value(F.virtualUrl))) errors[F.virtualUrl] = LABELS.errorUrlInvalidLabel;
  else if (ONLINE_FORMATS.has(format) && !value(F.virtualUrl)) errors[F.virtualUrl] = LABELS.errorVirtualUrlLabel;

  if (value(F.timeZone) && !isValidTimeZone(value(F.timeZone))) errors[F.timeZone] = LABELS.errorTimeZoneLabel;
  return errors;
}

/** The record fields to create: trimmed text, numbers as numbers, blanks left out (Status__c: the org's default, Draft). */
export function recordFieldsFrom(draft: EventDraft): Record<string, string | number> {
  const numbers = new Set<string>([F.capacity, F.budget]);
  const fields: Record<string, string | number> = {};
  for (const field of DRAFT_FIELDS) {
    const text = (draft[field] ?? '').trim();
    if (!text) continue;
    fields[field] = numbers.has(field) ? Number(text) : text;
  }
  return fields;
}

/**
 * A failed createRecord split into messages for the form's fields (UI API `body.output.fieldErrors`)
 * and messages for the error panel (`body.output.errors`, errors on fields the form does not show,
 * anything else the error says).
 */
export function serverErrorsFrom(error: unknown): { fieldErrors: DraftErrors; messages: string[] } {
  const { fields, messages } = formServerErrors(error, isDraftField);
  return { fieldErrors: fields as DraftErrors, messages };
}

/** Grid widths: full width on a phone; from medium screens, a share of the row. */
const FULL = 'slds-col slds-size_1-of-1';
const HALF = `${FULL} slds-medium-size_1-of-2`;
const THIRD = `${FULL} slds-medium-size_1-of-3`;
const QUARTER = `${FULL} slds-medium-size_1-of-4`;

/** One control of the form (see c/cmeFormControl) and its width in the fieldset's grid. */
export interface FormControl extends BaseControl {
  width: string;
}

function control(field: string, id: string, label: string, width: string, more: Partial<FormControl> = {}) {
  return { field, id, label, width, ...more };
}

/**
 * The form's fieldsets (legend, controls) in keyboard order. The component adds the draft's values,
 * the picklists' options, the rule pack's help and the venue and URL required marks the format sets.
 */
export const FORM_SECTIONS: readonly { key: string; legend: string; controls: FormControl[] }[] = [
  {
    key: 'event',
    legend: LABELS.sectionEventLabel,
    controls: [
      control(F.name, 'field-name', LABELS.fieldNameLabel, FULL, { required: true, maxLength: 80 }),
      control(F.eventType, 'field-event-type', LABELS.filterTypeLabel, HALF, { kind: 'combobox', required: true }),
      control(F.format, 'field-format', LABELS.filterFormatLabel, HALF, { kind: 'combobox', required: true }),
    ],
  },
  {
    key: 'when',
    legend: LABELS.sectionWhenLabel,
    controls: [
      control(F.start, 'field-start', LABELS.fieldStartLabel, HALF, { type: 'datetime', required: true }),
      control(F.end, 'field-end', LABELS.fieldEndLabel, HALF, { type: 'datetime', required: true }),
      control(F.timeZone, 'field-time-zone', LABELS.fieldTimeZoneLabel, HALF, {
        help: LABELS.fieldTimeZoneHelpLabel,
        maxLength: 40,
      }),
    ],
  },
  {
    key: 'where',
    legend: LABELS.sectionWhereLabel,
    controls: [
      control(F.venue, 'field-venue', LABELS.fieldVenueLabel, HALF, { maxLength: 255 }),
      control(F.city, 'field-city', LABELS.fieldCityLabel, QUARTER, { maxLength: 80 }),
      control(F.country, 'field-country', LABELS.fieldCountryLabel, QUARTER, {
        help: LABELS.fieldCountryHelpLabel,
        maxLength: 2,
      }),
      control(F.virtualUrl, 'field-virtual-url', LABELS.fieldVirtualUrlLabel, FULL, {
        type: 'url',
        typeMismatchMessage: LABELS.errorUrlInvalidLabel,
      }),
    ],
  },
  {
    key: 'content',
    legend: LABELS.sectionContentLabel,
    controls: [
      control(F.therapyArea, 'field-therapy-area', LABELS.filterTherapyLabel, HALF, { kind: 'combobox' }),
      control(F.topic, 'field-topic', LABELS.fieldTopicLabel, HALF, { maxLength: 255 }),
      control(F.educationalNeed, 'field-educational-need', LABELS.fieldNeedLabel, FULL, {
        kind: 'textarea',
        help: LABELS.fieldNeedHelpLabel,
        maxLength: 5000,
      }),
    ],
  },
  {
    key: 'plan',
    legend: LABELS.sectionPlanLabel,
    controls: [
      control(F.capacity, 'field-capacity', LABELS.fieldCapacityLabel, THIRD, {
        type: 'number',
        min: 1,
        step: 1,
        underflowMessage: LABELS.errorCapacityLabel,
        stepMismatchMessage: LABELS.errorCapacityLabel,
      }),
      control(F.budget, 'field-budget', LABELS.fieldBudgetLabel, THIRD, {
        type: 'number',
        min: 0,
        step: 0.01,
        underflowMessage: LABELS.errorBudgetLabel,
      }),
      control(F.rulePack, 'field-rule-pack', LABELS.fieldRulePackLabel, THIRD, { kind: 'combobox' }),
    ],
  },
];
