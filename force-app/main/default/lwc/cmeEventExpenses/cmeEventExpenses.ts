import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { getFieldDisplayValue, getFieldValue, getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { isApprovalLocked, moneyOrNumber } from 'c/cmeDomain';
import { refreshAfterWrite } from 'c/cmeRecords';
import { focusIn, formatLabel } from 'c/cmeUi';
import { STAGES, doctorOptions, linesFrom, totalsOf } from './expenseLogic';
import type { ExpenseLine, Totals } from './expenseLogic';
import { LABELS } from './labels';
import { EXPENSES_QUERY } from './queries';

import EVENT_NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import EVENT_BUDGET_FIELD from '@salesforce/schema/CME_Event__c.Budget__c';
import EVENT_CURRENCY_FIELD from '@salesforce/schema/CME_Event__c.Rule_Pack__r.Currency_Code__c';
import EVENT_STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';

import EXPENSE_OBJECT from '@salesforce/schema/CME_Expense__c';
import CATEGORY_FIELD from '@salesforce/schema/CME_Expense__c.Category__c';
import STAGE_FIELD from '@salesforce/schema/CME_Expense__c.Stage__c';
import PAYMENT_FORM_FIELD from '@salesforce/schema/CME_Expense__c.Payment_Form__c';
import KEY_FIELD from '@salesforce/schema/CME_Expense__c.Expense_Key__c';

export default class CmeEventExpenses extends LightningElement {
  @api recordId?: string;

  eventRecord?: RecordRepresentation;
  eventErrors: string[] = [];
  eventLoaded = false;

  /**
   * The expenses wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before the first result, when nothing is stale.
   */
  refreshExpenses?: () => Promise<void>;
  expensesData?: unknown;
  dataErrors: string[] = [];
  dataLoaded = false;

  expenseRecordTypeId?: string;
  canCreate = true;
  canEdit = true;
  canDelete = true;
  keyCreateable = false;
  categoryValues: PicklistValue[] = [];
  stageValues: PicklistValue[] = [];
  paymentFormValues: PicklistValue[] = [];

  showForm = false;

  /** Lines deleted and stage changes saved here, shown until the refreshed query has them. */
  removedIds: string[] = [];
  stagePatches: Record<string, { stage: string; incurredOn: string | null }> = {};

  labels = LABELS;

  private focusAfterRender?: string;

  // ------------------------------------------------------------------ data

  @wire(getRecord, {
    recordId: '$recordId',
    fields: [EVENT_NAME_FIELD, EVENT_BUDGET_FIELD],
    optionalFields: [EVENT_CURRENCY_FIELD, EVENT_STATUS_FIELD],
  })
  wiredEvent({ data, error }: { data?: RecordRepresentation; error?: unknown }) {
    if (data) {
      this.eventRecord = data;
      this.eventErrors = [];
      this.eventLoaded = true;
    } else if (error) {
      this.eventRecord = undefined;
      this.eventErrors = reduceErrors(error as ErrorLike);
      this.eventLoaded = true;
    }
  }

  get variables(): Record<string, unknown> | undefined {
    return this.recordId ? { eventId: this.recordId } : undefined;
  }

  @wire(graphql, { query: EXPENSES_QUERY, variables: '$variables' })
  wiredExpensesResult(result: GraphqlResult) {
    const { data, errors, refresh } = result ?? {};
    if (refresh) this.refreshExpenses = refresh;
    if (data) {
      this.expensesData = data;
      this.dataErrors = [];
      this.dataLoaded = true;
      this.removedIds = [];
      this.stagePatches = {};
    } else if (errors && errors.length) {
      this.dataErrors = reduceErrors(errors as ErrorLike[]);
      this.dataLoaded = true;
    }
  }

  /** What the user may do with expense lines (field-level security included) and the picklists' record type. */
  @wire(getObjectInfo, { objectApiName: EXPENSE_OBJECT })
  wiredObjectInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (!data) return;
    const info = data as ObjectInfo & { createable?: boolean; updateable?: boolean; deletable?: boolean };
    this.expenseRecordTypeId = info.defaultRecordTypeId;
    this.canCreate = info.createable !== false;
    this.canEdit = info.updateable !== false;
    this.canDelete = info.deletable !== false;
    const key = info.fields?.[KEY_FIELD.fieldApiName] as { createable?: boolean } | undefined;
    this.keyCreateable = key?.createable === true;
  }

  @wire(getPicklistValues, { recordTypeId: '$expenseRecordTypeId', fieldApiName: CATEGORY_FIELD })
  wiredCategories({ data }: { data?: { values: PicklistValue[] }; error?: unknown }) {
    if (data) this.categoryValues = data.values;
  }

  @wire(getPicklistValues, { recordTypeId: '$expenseRecordTypeId', fieldApiName: STAGE_FIELD })
  wiredStages({ data }: { data?: { values: PicklistValue[] }; error?: unknown }) {
    if (data) this.stageValues = data.values;
  }

  @wire(getPicklistValues, { recordTypeId: '$expenseRecordTypeId', fieldApiName: PAYMENT_FORM_FIELD })
  wiredPaymentForms({ data }: { data?: { values: PicklistValue[] }; error?: unknown }) {
    if (data) this.paymentFormValues = data.values;
  }

  renderedCallback() {
    if (this.focusAfterRender && focusIn(this.template, this.focusAfterRender)) this.focusAfterRender = undefined;
  }

  // ------------------------------------------------------------------ state

  get errors(): string[] {
    return [...this.eventErrors, ...this.dataErrors];
  }

  get hasError(): boolean {
    return this.errors.length > 0;
  }

  get isLoading(): boolean {
    return !this.hasError && (!this.eventLoaded || !this.dataLoaded);
  }

  get isReady(): boolean {
    return !this.isLoading && !this.hasError;
  }

  get showAddButton(): boolean {
    return this.isReady && this.canCreate && !this.showForm;
  }

  /** The event is pending approval, so its lines are locked: the actions show, disabled, with the reason. */
  get isLocked(): boolean {
    return isApprovalLocked(getFieldValue(this.eventRecord, EVENT_STATUS_FIELD) as string | null);
  }

  /** The notice's id, for the disabled actions' aria-describedby. */
  get lockedDescribedBy(): string | undefined {
    return this.isLocked ? 'expenses-locked' : undefined;
  }

  /** The rule pack's ISO currency, when the event has a pack the user can read. */
  get currency(): string {
    const code = String(getFieldValue(this.eventRecord, EVENT_CURRENCY_FIELD) ?? '')
      .trim()
      .toUpperCase();
    return /^[A-Z]{3}$/.test(code) ? code : '';
  }

  get budget(): number {
    const value = getFieldValue(this.eventRecord, EVENT_BUDGET_FIELD);
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  }

  private money(amount: number): string {
    return moneyOrNumber(amount, this.currency);
  }

  get budgetText(): string {
    if (this.currency) return this.money(this.budget);
    return getFieldDisplayValue(this.eventRecord, EVENT_BUDGET_FIELD) ?? this.money(this.budget);
  }

  get lines(): ExpenseLine[] {
    return linesFrom(this.expensesData)
      .filter((l) => !this.removedIds.includes(l.id))
      .map((l) => {
        const patch = this.stagePatches[l.id];
        return patch
          ? { ...l, stage: patch.stage, stageLabel: this.stageName(patch.stage), incurredOn: patch.incurredOn }
          : l;
      });
  }

  get totals(): Totals {
    return totalsOf(this.lines);
  }

  get hasLines(): boolean {
    return this.lines.length > 0;
  }

  private stageName(stage: string): string {
    return this.stageValues.find((v) => v.value === stage)?.label ?? stage;
  }

  get stageOptions() {
    const values = this.stageValues.length ? this.stageValues : STAGES.map((s) => ({ label: s, value: s }));
    return values.map((v) => ({ label: v.label, value: v.value }));
  }

  /** The doctors a new line can be paid to. */
  get doctorOptions() {
    return doctorOptions(this.expensesData, this.lines);
  }

  // ------------------------------------------------------------------ add

  handleAdd() {
    if (this.isLocked) return;
    this.showForm = true;
  }

  handleCancelForm() {
    this.showForm = false;
    this.focusAfterRender = '[data-id="add-expense"]';
  }

  /** The form has added a line: confirm it, close the form and refresh the lines. */
  async handleSaved(event: CustomEvent<{ category: string; amount: number; stage: string }>): Promise<void> {
    const { category, amount, stage } = event.detail;
    this.dispatchEvent(
      successToast(
        LABELS.addedTitleLabel,
        formatLabel(LABELS.addedLabel, category, this.money(amount), this.stageName(stage)),
      ),
    );
    this.showForm = false;
    this.focusAfterRender = '[data-id="add-expense"]';
    await this.refresh();
  }

  /** After every write: the lines wire's refresh, and the record page's other components told. */
  private refresh(): Promise<void> {
    return refreshAfterWrite(this.refreshExpenses, [this.recordId], notifyRecordUpdateAvailable);
  }

  // ------------------------------------------------------------------ stage change and delete

  /** The table saved a stage change: show it at once and refresh. */
  async handleStageChanged(event: CustomEvent<{ id: string; stage: string; incurredOn: string | null }>) {
    const { id, stage, incurredOn } = event.detail;
    this.stagePatches = { ...this.stagePatches, [id]: { stage, incurredOn } };
    await this.refresh();
  }

  /** The table deleted a line: hide it at once, give focus to "Add expense" and refresh. */
  async handleLineDeleted(event: CustomEvent<{ id: string }>) {
    this.removedIds = [...this.removedIds, event.detail.id];
    this.focusAfterRender = this.canCreate ? '[data-id="add-expense"]' : undefined;
    await this.refresh();
  }
}
