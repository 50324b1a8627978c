import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { reduceErrors } from 'c/cmeErrors';
import { formatLabel, statusBadgeClass } from 'c/cmeUi';
import { LABELS } from './labels';

import NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';
import TYPE_FIELD from '@salesforce/schema/CME_Event__c.Event_Type__c';
import FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import START_FIELD from '@salesforce/schema/CME_Event__c.Start__c';
import END_FIELD from '@salesforce/schema/CME_Event__c.End__c';
import TIME_ZONE_FIELD from '@salesforce/schema/CME_Event__c.Time_Zone__c';
import CITY_FIELD from '@salesforce/schema/CME_Event__c.City__c';
import CAPACITY_FIELD from '@salesforce/schema/CME_Event__c.Capacity__c';
import BUDGET_FIELD from '@salesforce/schema/CME_Event__c.Budget__c';
import ACTUAL_SPEND_FIELD from '@salesforce/schema/CME_Event__c.Actual_Spend__c';
import UTILIZATION_FIELD from '@salesforce/schema/CME_Event__c.Budget_Utilization__c';
import INVITED_FIELD from '@salesforce/schema/CME_Event__c.Invited_Count__c';
import ACCEPTED_FIELD from '@salesforce/schema/CME_Event__c.Accepted_Count__c';
import ATTENDED_FIELD from '@salesforce/schema/CME_Event__c.Attended_Count__c';

const FIELDS = [
  NAME_FIELD,
  STATUS_FIELD,
  TYPE_FIELD,
  FORMAT_FIELD,
  START_FIELD,
  END_FIELD,
  TIME_ZONE_FIELD,
  CITY_FIELD,
  CAPACITY_FIELD,
  BUDGET_FIELD,
  ACTUAL_SPEND_FIELD,
  UTILIZATION_FIELD,
  INVITED_FIELD,
  ACCEPTED_FIELD,
  ATTENDED_FIELD,
];

export interface FunnelStep {
  key: string;
  label: string;
  count: number;
  /** Share of the previous step, as a whole percent; null for the first step or when the previous is 0. */
  conversion: number | null;
}

function asNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Invited → accepted → attended, each step with its conversion from the one before. */
export function buildFunnel(invited: number, accepted: number, attended: number): FunnelStep[] {
  const steps: [string, string, number][] = [
    ['invited', LABELS.invitedLabel, invited],
    ['accepted', LABELS.acceptedLabel, accepted],
    ['attended', LABELS.attendedLabel, attended],
  ];
  return steps.map(([key, label, count], i) => {
    const previous = i === 0 ? 0 : steps[i - 1][2];
    const conversion = i === 0 || previous === 0 ? null : Math.round((count / previous) * 100);
    return { key, label, count, conversion };
  });
}

export default class CmeEventSummary extends LightningElement {
  @api recordId?: string;

  record?: RecordRepresentation;
  errors: string[] = [];
  loaded = false;

  labels = LABELS;

  @wire(getRecord, { recordId: '$recordId', fields: FIELDS })
  wiredEvent({ data, error }: { data?: RecordRepresentation; error?: unknown }) {
    if (data) {
      this.record = data;
      this.errors = [];
      this.loaded = true;
    } else if (error) {
      this.record = undefined;
      this.errors = reduceErrors(error as Parameters<typeof reduceErrors>[0]);
      this.loaded = true;
    }
  }

  get isLoading(): boolean {
    return !this.loaded;
  }

  get hasRecord(): boolean {
    return this.record !== undefined;
  }

  get name(): string {
    return String(getFieldValue(this.record, NAME_FIELD) ?? '');
  }

  get status(): string {
    return getFieldDisplayValue(this.record, STATUS_FIELD) ?? String(getFieldValue(this.record, STATUS_FIELD) ?? '');
  }

  get statusClass(): string {
    return statusBadgeClass(String(getFieldValue(this.record, STATUS_FIELD) ?? ''), 'status');
  }

  get eventType(): string {
    return getFieldDisplayValue(this.record, TYPE_FIELD) ?? '';
  }

  get format(): string {
    return getFieldDisplayValue(this.record, FORMAT_FIELD) ?? '';
  }

  get city(): string {
    return String(getFieldValue(this.record, CITY_FIELD) ?? '');
  }

  get start(): string | undefined {
    return (getFieldValue(this.record, START_FIELD) as string | null) ?? undefined;
  }

  get end(): string | undefined {
    return (getFieldValue(this.record, END_FIELD) as string | null) ?? undefined;
  }

  get timeZone(): string | undefined {
    return (getFieldValue(this.record, TIME_ZONE_FIELD) as string | null) ?? undefined;
  }

  get funnel(): (FunnelStep & { conversionText: string })[] {
    const steps = buildFunnel(
      asNumber(getFieldValue(this.record, INVITED_FIELD)),
      asNumber(getFieldValue(this.record, ACCEPTED_FIELD)),
      asNumber(getFieldValue(this.record, ATTENDED_FIELD)),
    );
    return steps.map((s) => ({ ...s, conversionText: s.conversion === null ? '' : `${s.conversion}%` }));
  }

  get hasInvitations(): boolean {
    return asNumber(getFieldValue(this.record, INVITED_FIELD)) > 0;
  }

  get capacityText(): string {
    const capacity = getFieldValue(this.record, CAPACITY_FIELD);
    if (typeof capacity !== 'number') return '';
    return formatLabel(LABELS.capacityLabel, asNumber(getFieldValue(this.record, ACCEPTED_FIELD)), capacity);
  }

  get hasBudget(): boolean {
    return asNumber(getFieldValue(this.record, BUDGET_FIELD)) > 0;
  }

  /** Budget_Utilization__c is a Percent formula: the API returns 45.5 for 45.5 %. */
  get utilization(): number {
    return asNumber(getFieldValue(this.record, UTILIZATION_FIELD));
  }

  get isOverBudget(): boolean {
    return this.utilization > 100;
  }

  /** The budget bar's colour (c-cme-progress-bar): red over budget. */
  get barTone(): string {
    return this.isOverBudget ? 'error' : '';
  }

  get budgetText(): string {
    const actual =
      getFieldDisplayValue(this.record, ACTUAL_SPEND_FIELD) ??
      String(asNumber(getFieldValue(this.record, ACTUAL_SPEND_FIELD)));
    const budget =
      getFieldDisplayValue(this.record, BUDGET_FIELD) ?? String(asNumber(getFieldValue(this.record, BUDGET_FIELD)));
    return formatLabel(LABELS.budgetLabel, actual, budget, this.utilization.toFixed(1));
  }

  get overBudgetText(): string {
    return formatLabel(LABELS.overBudgetLabel, (this.utilization - 100).toFixed(1));
  }
}
