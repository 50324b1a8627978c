import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import {
  createRecord,
  deleteRecord,
  getFieldDisplayValue,
  getFieldValue,
  getRecord,
  notifyRecordUpdateAvailable,
  updateRecord,
} from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { errorToast, hasErrorCode, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { formatMoney } from 'c/cmeDomain';
import { formatLabel, localTodayIso } from 'c/cmeUi';
import {
  SHARED,
  STAGES,
  budgetView,
  doctorOptions,
  expenseKey,
  expenseProblems,
  linesFrom,
  serverErrorsOf,
  stageChangeProblem,
  suggestedPaymentForm,
  totalsOf,
} from './expenseLogic';
import type { BudgetView, ExpenseDraft, ExpenseLine, ExpenseProblem, Totals } from './expenseLogic';

export {
  EXPENSE_KEY_MAX_LENGTH,
  SHARED,
  STAGES,
  budgetView,
  doctorOptions,
  expenseKey,
  expenseProblems,
  linesFrom,
  serverErrorsOf,
  stageChangeProblem,
  suggestedPaymentForm,
  totalsOf,
} from './expenseLogic';

import EVENT_NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import EVENT_BUDGET_FIELD from '@salesforce/schema/CME_Event__c.Budget__c';
import EVENT_CURRENCY_FIELD from '@salesforce/schema/CME_Event__c.Rule_Pack__r.Currency_Code__c';
import EVENT_STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';

import EXPENSE_OBJECT from '@salesforce/schema/CME_Expense__c';
import EVENT_FIELD from '@salesforce/schema/CME_Expense__c.Event__c';
import CATEGORY_FIELD from '@salesforce/schema/CME_Expense__c.Category__c';
import AMOUNT_FIELD from '@salesforce/schema/CME_Expense__c.Amount__c';
import STAGE_FIELD from '@salesforce/schema/CME_Expense__c.Stage__c';
import DOCTOR_FIELD from '@salesforce/schema/CME_Expense__c.Doctor__c';
import INCURRED_ON_FIELD from '@salesforce/schema/CME_Expense__c.Incurred_On__c';
import PAYMENT_FORM_FIELD from '@salesforce/schema/CME_Expense__c.Payment_Form__c';
import VENDOR_FIELD from '@salesforce/schema/CME_Expense__c.Vendor__c';
import RECEIPT_FIELD from '@salesforce/schema/CME_Expense__c.Receipt_Reference__c';
import DESCRIPTION_FIELD from '@salesforce/schema/CME_Expense__c.Description__c';
import KEY_FIELD from '@salesforce/schema/CME_Expense__c.Expense_Key__c';

import titleLabel from '@salesforce/label/c.CME_Expenses_Title';
import loadingLabel from '@salesforce/label/c.CME_Expenses_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Expenses_Error_Title';
import emptyLabel from '@salesforce/label/c.CME_Expenses_Empty';
import budgetHeadingLabel from '@salesforce/label/c.CME_Expenses_Budget_Heading';
import budgetSummaryLabel from '@salesforce/label/c.CME_Expenses_Budget_Summary';
import noBudgetLabel from '@salesforce/label/c.CME_Expenses_No_Budget';
import overActualLabel from '@salesforce/label/c.CME_Expenses_Over_Actual';
import overCommittedLabel from '@salesforce/label/c.CME_Expenses_Over_Committed';
import overProjectedLabel from '@salesforce/label/c.CME_Expenses_Over_Projected';
import remainingLabel from '@salesforce/label/c.CME_Expenses_Remaining';
import stageTotalLabel from '@salesforce/label/c.CME_Expenses_Stage_Total';
import allLinesLabel from '@salesforce/label/c.CME_Expenses_All_Lines';
import linesManyLabel from '@salesforce/label/c.CME_Expenses_Lines_Many';
import linesOneLabel from '@salesforce/label/c.CME_Expenses_Lines_One';
import tableCaptionLabel from '@salesforce/label/c.CME_Expenses_Table_Caption';
import categoryLabel from '@salesforce/label/c.CME_Expenses_Category';
import amountLabel from '@salesforce/label/c.CME_Expenses_Amount';
import amountWithCurrencyLabel from '@salesforce/label/c.CME_Expenses_Amount_With_Currency';
import stageLabel from '@salesforce/label/c.CME_Expenses_Stage';
import paidToLabel from '@salesforce/label/c.CME_Expenses_Paid_To';
import sharedLabel from '@salesforce/label/c.CME_Expenses_Shared';
import sharedOptionLabel from '@salesforce/label/c.CME_Expenses_Shared_Option';
import vendorLabel from '@salesforce/label/c.CME_Expenses_Vendor';
import receiptLabel from '@salesforce/label/c.CME_Expenses_Receipt';
import incurredOnLabel from '@salesforce/label/c.CME_Expenses_Incurred_On';
import paymentFormLabel from '@salesforce/label/c.CME_Expenses_Payment_Form';
import descriptionLabel from '@salesforce/label/c.CME_Expenses_Description';
import noneLabel from '@salesforce/label/c.CME_Expenses_None';
import actionsLabel from '@salesforce/label/c.CME_Expenses_Actions';
import addLabel from '@salesforce/label/c.CME_Expenses_Add';
import formTitleLabel from '@salesforce/label/c.CME_Expenses_Form_Title';
import saveLabel from '@salesforce/label/c.CME_Expenses_Save';
import cancelLabel from '@salesforce/label/c.CME_Expenses_Cancel';
import savingLabel from '@salesforce/label/c.CME_Expenses_Saving';
import changeStageLabel from '@salesforce/label/c.CME_Expenses_Change_Stage';
import changeStageAriaLabel from '@salesforce/label/c.CME_Expenses_Change_Stage_Aria';
import saveStageLabel from '@salesforce/label/c.CME_Expenses_Save_Stage';
import deleteLabel from '@salesforce/label/c.CME_Expenses_Delete';
import deleteAriaLabel from '@salesforce/label/c.CME_Expenses_Delete_Aria';
import confirmDeleteLabel from '@salesforce/label/c.CME_Expenses_Confirm_Delete';
import keepLabel from '@salesforce/label/c.CME_Expenses_Keep';
import requiredLabel from '@salesforce/label/c.CME_Expenses_Required';
import positiveLabel from '@salesforce/label/c.CME_Expenses_Amount_Positive';
import honorariumLabel from '@salesforce/label/c.CME_Expenses_Honorarium_Needs_Doctor';
import actualDateLabel from '@salesforce/label/c.CME_Expenses_Actual_Needs_Date';
import addedTitleLabel from '@salesforce/label/c.CME_Expenses_Added_Title';
import addedLabel from '@salesforce/label/c.CME_Expenses_Added';
import saveFailedLabel from '@salesforce/label/c.CME_Expenses_Save_Failed';
import stageUpdatedTitleLabel from '@salesforce/label/c.CME_Expenses_Stage_Updated_Title';
import stageUpdatedLabel from '@salesforce/label/c.CME_Expenses_Stage_Updated';
import stageFailedLabel from '@salesforce/label/c.CME_Expenses_Stage_Failed';
import deletedTitleLabel from '@salesforce/label/c.CME_Expenses_Deleted_Title';
import deletedLabel from '@salesforce/label/c.CME_Expenses_Deleted';
import deleteFailedLabel from '@salesforce/label/c.CME_Expenses_Delete_Failed';
import lineNameLabel from '@salesforce/label/c.CME_Expenses_Line_Name';
import lockedLabel from '@salesforce/label/c.CME_Expenses_Locked';

/**
 * While an event waits for approval, Salesforce locks it and its master-detail children (the
 * expense lines) for all but admins and the approver: a write answers ENTITY_IS_LOCKED.
 */
const LOCKED_STATUS = 'Pending Approval';

/** The event's expense lines, and its invitees and attendees (the doctors a line can be paid to). */
const EXPENSES_QUERY = gql`
  query CmeEventExpenses($eventId: ID) {
    uiapi {
      query {
        CME_Expense__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              Id
              Category__c {
                value
                displayValue
              }
              Amount__c {
                value
                displayValue
              }
              Stage__c {
                value
                displayValue
              }
              Doctor__c {
                value
              }
              Doctor__r {
                Name {
                  value
                }
                CME_Primary_Type__c {
                  value
                }
              }
              Vendor__c {
                value
              }
              Receipt_Reference__c {
                value
              }
              Incurred_On__c {
                value
                displayValue
              }
              Payment_Form__c {
                value
                displayValue
              }
              Description__c {
                value
              }
            }
          }
          totalCount
        }
        CME_Invitation__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              Id
              Doctor__c {
                value
              }
              Status__c {
                value
              }
              Role__c {
                value
                displayValue
              }
              Doctor__r {
                Name {
                  value
                }
                CME_Primary_Type__c {
                  value
                }
              }
            }
          }
        }
        CME_Attendance__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              Id
              Doctor__c {
                value
              }
              Doctor__r {
                Name {
                  value
                }
                CME_Primary_Type__c {
                  value
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** Fields of the add form, by API name (inputs carry data-field with these). */
const FORM_FIELDS = [
  CATEGORY_FIELD.fieldApiName,
  AMOUNT_FIELD.fieldApiName,
  STAGE_FIELD.fieldApiName,
  DOCTOR_FIELD.fieldApiName,
  INCURRED_ON_FIELD.fieldApiName,
  PAYMENT_FORM_FIELD.fieldApiName,
  VENDOR_FIELD.fieldApiName,
  RECEIPT_FIELD.fieldApiName,
  DESCRIPTION_FIELD.fieldApiName,
];

/** Draft property behind each form field. */
const DRAFT_KEY: Record<string, keyof ExpenseDraft> = {
  Category__c: 'category',
  Amount__c: 'amount',
  Stage__c: 'stage',
  Doctor__c: 'doctor',
  Incurred_On__c: 'incurredOn',
  Payment_Form__c: 'paymentForm',
  Vendor__c: 'vendor',
  Receipt_Reference__c: 'receipt',
  Description__c: 'description',
};

const PROBLEM_LABELS: Record<ExpenseProblem, string> = {
  required: requiredLabel,
  positive: positiveLabel,
  honorarium: honorariumLabel,
  actualDate: actualDateLabel,
};

const EMPTY_DRAFT: ExpenseDraft = {
  category: '',
  amount: '',
  stage: 'Estimated',
  doctor: SHARED,
  incurredOn: '',
  paymentForm: '',
  vendor: '',
  receipt: '',
  description: '',
};

type Validatable = HTMLElement & {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
  focus(): void;
};

/** A Date field's 'YYYY-MM-DD' in the user's locale, the day itself (no time-zone shift). */
export function formatDay(day: string | null | undefined): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return day ?? '';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

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
  draft: ExpenseDraft = { ...EMPTY_DRAFT };
  paymentFormTouched = false;
  saving = false;
  formErrors: string[] = [];

  editingId: string | null = null;
  stageDraft = '';
  dateDraft = '';
  savingStage = false;
  confirmDeleteId: string | null = null;
  deleting = false;
  /** Lines deleted and stage changes saved here, shown until the refreshed query has them. */
  removedIds: string[] = [];
  stagePatches: Record<string, { stage: string; incurredOn: string | null }> = {};

  labels = {
    titleLabel,
    loadingLabel,
    errorTitleLabel,
    emptyLabel,
    budgetHeadingLabel,
    noBudgetLabel,
    tableCaptionLabel,
    categoryLabel,
    amountLabel,
    stageLabel,
    paidToLabel,
    vendorLabel,
    receiptLabel,
    incurredOnLabel,
    paymentFormLabel,
    descriptionLabel,
    actionsLabel,
    addLabel,
    formTitleLabel,
    saveLabel,
    cancelLabel,
    savingLabel,
    changeStageLabel,
    saveStageLabel,
    deleteLabel,
    confirmDeleteLabel,
    keepLabel,
    saveFailedLabel,
    lockedLabel,
  };

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
    if (!this.focusAfterRender) return;
    const target = this.template?.querySelector<HTMLElement>(this.focusAfterRender);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
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
    return getFieldValue(this.eventRecord, EVENT_STATUS_FIELD) === LOCKED_STATUS;
  }

  get saveDisabled(): boolean {
    return this.saving || this.isLocked;
  }

  get stageSaveDisabled(): boolean {
    return this.savingStage || this.isLocked;
  }

  get deleteDisabled(): boolean {
    return this.deleting || this.isLocked;
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
    if (this.currency) return formatMoney(amount, this.currency);
    return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(amount);
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

  get view(): BudgetView {
    return budgetView(this.budget, this.totals);
  }

  get hasBudget(): boolean {
    return this.budget > 0;
  }

  get hasLines(): boolean {
    return this.lines.length > 0;
  }

  private stageName(stage: string): string {
    return this.stageValues.find((v) => v.value === stage)?.label ?? stage;
  }

  private linesText(count: number): string {
    return count === 1 ? linesOneLabel : formatLabel(linesManyLabel, count);
  }

  get budgetSummary(): string {
    const v = this.view;
    return formatLabel(budgetSummaryLabel, this.money(v.projected), this.budgetText, v.usedPercent);
  }

  get overBudgetText(): string {
    const v = this.view;
    if (!this.hasBudget || !v.overLevel) return '';
    const label =
      v.overLevel === 'actual'
        ? overActualLabel
        : v.overLevel === 'committed'
          ? overCommittedLabel
          : overProjectedLabel;
    return formatLabel(label, this.money(v.overBy));
  }

  get overBudgetClass(): string {
    const severe = this.view.overLevel === 'actual' || this.view.overLevel === 'committed';
    return `over-budget slds-scoped-notification slds-var-m-top_x-small ${
      severe ? 'slds-theme_error' : 'slds-theme_warning'
    }`;
  }

  get remainingText(): string {
    return formatLabel(remainingLabel, this.money(this.view.remaining));
  }

  get segments() {
    const v = this.view;
    return [
      { key: 'Actual', className: 'segment segment-actual', style: `width: ${v.actualPercent}%` },
      { key: 'Committed', className: 'segment segment-committed', style: `width: ${v.committedPercent}%` },
      { key: 'Estimated', className: 'segment segment-estimated', style: `width: ${v.estimatedPercent}%` },
    ];
  }

  get budgetMarkerStyle(): string {
    return `left: ${this.view.budgetPercent}%`;
  }

  get legend() {
    const t = this.totals;
    const order = ['Actual', 'Committed', 'Estimated'];
    const rows = order.map((stage) => ({
      key: stage,
      swatchClass: `swatch swatch-${stage.toLowerCase()}`,
      text: formatLabel(
        stageTotalLabel,
        this.stageName(stage),
        this.money(t.byStage[stage].amount),
        this.linesText(t.byStage[stage].count),
      ),
    }));
    rows.push({
      key: 'All',
      swatchClass: 'swatch swatch-none',
      text: formatLabel(allLinesLabel, this.money(t.total), this.linesText(t.count)),
    });
    return rows;
  }

  private lineName(line: ExpenseLine): string {
    return formatLabel(lineNameLabel, line.categoryLabel || line.category, this.lineAmount(line));
  }

  private lineAmount(line: ExpenseLine): string {
    if (this.currency) return this.money(line.amount);
    return line.amountDisplay || this.money(line.amount);
  }

  get rows() {
    return this.lines.map((line) => {
      const name = this.lineName(line);
      const editing = this.editingId === line.id;
      const confirming = this.confirmDeleteId === line.id;
      return {
        id: line.id,
        category: line.categoryLabel || line.category,
        description: line.description,
        amount: this.lineAmount(line),
        stage: line.stageLabel || line.stage,
        stageClass: `slds-badge stage-badge${line.stage === 'Actual' ? ' slds-theme_success' : ''}`,
        paidTo: line.doctorId ? line.doctorName : sharedLabel,
        vendor: line.vendor,
        receipt: line.receipt,
        incurredOn: formatDay(line.incurredOn),
        vendorClass: line.vendor ? 'cell-vendor' : 'cell-vendor is-empty',
        receiptClass: line.receipt ? 'cell-receipt' : 'cell-receipt is-empty',
        dateClass: line.incurredOn ? 'cell-date' : 'cell-date is-empty',
        editing,
        confirming,
        showActions: !editing && !confirming,
        changeStageAria: formatLabel(changeStageAriaLabel, name),
        deleteAria: formatLabel(deleteAriaLabel, name),
        confirmText: formatLabel(confirmDeleteLabel, name),
      };
    });
  }

  get stageOptions() {
    const values = this.stageValues.length ? this.stageValues : STAGES.map((s) => ({ label: s, value: s }));
    return values.map((v) => ({ label: v.label, value: v.value }));
  }

  get categoryOptions() {
    return this.categoryValues.map((v) => ({ label: v.label, value: v.value }));
  }

  get paymentFormOptions() {
    return [
      { label: noneLabel, value: '' },
      ...this.paymentFormValues.map((v) => ({ label: v.label, value: v.value })),
    ];
  }

  get doctorOptions() {
    return [{ label: sharedOptionLabel, value: SHARED }, ...doctorOptions(this.expensesData, this.lines)];
  }

  get amountFieldLabel(): string {
    return this.currency ? formatLabel(amountWithCurrencyLabel, this.currency) : amountLabel;
  }

  get hasFormErrors(): boolean {
    return this.formErrors.length > 0;
  }

  get editDateRequired(): boolean {
    return this.stageDraft === 'Actual';
  }

  // ------------------------------------------------------------------ add

  handleAdd() {
    if (this.isLocked) return;
    this.draft = { ...EMPTY_DRAFT };
    this.paymentFormTouched = false;
    this.formErrors = [];
    this.showForm = true;
    this.focusAfterRender = '[data-id="expense-category"]';
  }

  handleCancelForm() {
    this.showForm = false;
    this.formErrors = [];
    this.focusAfterRender = '[data-id="add-expense"]';
  }

  handleFieldChange(event: CustomEvent<{ value: string }>) {
    const target = event.target as Validatable;
    const field = target.dataset.field as string;
    const value = event.detail?.value ?? '';
    const next: ExpenseDraft = { ...this.draft, [DRAFT_KEY[field]]: value };
    if (field === PAYMENT_FORM_FIELD.fieldApiName) this.paymentFormTouched = true;
    // The usual form of payment follows the category until the user picks one.
    if (field === CATEGORY_FIELD.fieldApiName && !this.paymentFormTouched)
      next.paymentForm = suggestedPaymentForm(value);
    this.draft = next;
    target.setCustomValidity?.('');
  }

  private formInputs(): Validatable[] {
    return [...(this.template?.querySelectorAll<Validatable>('.expense-form [data-field]') ?? [])];
  }

  /** Puts messages under the fields (client or server), and focuses the first field with one. */
  private showFieldMessages(messages: Record<string, string>): boolean {
    let first: Validatable | undefined;
    for (const input of this.formInputs()) {
      const message = messages[input.dataset.field as string] ?? '';
      input.setCustomValidity(message);
      input.reportValidity();
      if (message && !first) first = input;
    }
    first?.focus();
    return first !== undefined;
  }

  async handleSave(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.saving || !this.recordId) return;
    if (this.isLocked) {
      this.formErrors = [lockedLabel];
      this.focusAfterRender = '[data-id="form-errors"]';
      return;
    }
    const draft = this.draft;
    const problems = expenseProblems(draft);
    const messages: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems)) messages[field] = PROBLEM_LABELS[problem];
    this.formErrors = [];
    if (this.showFieldMessages(messages)) return;

    const amount = Math.round(Number(draft.amount) * 100) / 100;
    const fields: Record<string, unknown> = {
      [EVENT_FIELD.fieldApiName]: this.recordId,
      [CATEGORY_FIELD.fieldApiName]: draft.category,
      [AMOUNT_FIELD.fieldApiName]: amount,
      [STAGE_FIELD.fieldApiName]: draft.stage,
      [DOCTOR_FIELD.fieldApiName]: draft.doctor && draft.doctor !== SHARED ? draft.doctor : null,
      [INCURRED_ON_FIELD.fieldApiName]: draft.incurredOn || null,
      [PAYMENT_FORM_FIELD.fieldApiName]: draft.paymentForm || null,
      [VENDOR_FIELD.fieldApiName]: draft.vendor.trim() || null,
      [RECEIPT_FIELD.fieldApiName]: draft.receipt.trim() || null,
      [DESCRIPTION_FIELD.fieldApiName]: draft.description.trim() || null,
    };
    // Expense_Key__c is read-only for reps and managers in the shipped permission sets; set it when allowed.
    if (this.keyCreateable) fields[KEY_FIELD.fieldApiName] = expenseKey(this.recordId);

    this.saving = true;
    try {
      await createRecord({ apiName: EXPENSE_OBJECT.objectApiName, fields });
      const category = this.categoryValues.find((v) => v.value === draft.category)?.label ?? draft.category;
      this.dispatchEvent(
        successToast(
          addedTitleLabel,
          formatLabel(addedLabel, category, this.money(amount), this.stageName(draft.stage)),
        ),
      );
      this.showForm = false;
      this.draft = { ...EMPTY_DRAFT };
      this.focusAfterRender = '[data-id="add-expense"]';
      await this.refresh();
    } catch (error) {
      const server = serverErrorsOf(error, FORM_FIELDS);
      const fieldMessages: Record<string, string> = {};
      for (const [field, list] of Object.entries(server.fields)) fieldMessages[field] = list.join(' ');
      // ENTITY_IS_LOCKED (the event went to approval meanwhile) reads through c/cmeErrors' sentence.
      const locked = hasErrorCode(error, 'ENTITY_IS_LOCKED');
      const general =
        !locked && (server.general.length || Object.keys(fieldMessages).length)
          ? server.general
          : reduceErrors(error as ErrorLike);
      this.formErrors = general;
      this.showFieldMessages(fieldMessages);
      if (!Object.keys(fieldMessages).length) this.focusAfterRender = '[data-id="form-errors"]';
    } finally {
      this.saving = false;
    }
  }

  private async refresh(): Promise<void> {
    try {
      await Promise.all([
        this.refreshExpenses?.(),
        this.recordId ? notifyRecordUpdateAvailable([{ recordId: this.recordId }]) : undefined,
      ]);
    } catch {
      // The write succeeded; the list catches up on the next load.
    }
  }

  // ------------------------------------------------------------------ stage change and delete

  private lineOf(event: Event): ExpenseLine | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.lineId;
    return this.lines.find((l) => l.id === id);
  }

  handleEditStage(event: Event) {
    const line = this.lineOf(event);
    if (!line || this.isLocked) return;
    this.confirmDeleteId = null;
    this.editingId = line.id;
    // Moving on a stage is the usual change: Estimated → Committed → Actual.
    const next = STAGES[Math.min(STAGES.indexOf(line.stage as never) + 1, STAGES.length - 1)] ?? line.stage;
    this.stageDraft = next;
    this.dateDraft = line.incurredOn ?? (next === 'Actual' ? localTodayIso() : '');
    this.focusAfterRender = `[data-id="stage-combobox"][data-line-id="${line.id}"]`;
  }

  handleStageDraft(event: CustomEvent<{ value: string }>) {
    this.stageDraft = event.detail?.value ?? '';
    (event.target as Validatable).setCustomValidity?.('');
  }

  handleDateDraft(event: CustomEvent<{ value: string }>) {
    this.dateDraft = event.detail?.value ?? '';
    (event.target as Validatable).setCustomValidity?.('');
  }

  handleCancelStage() {
    const id = this.editingId;
    this.editingId = null;
    this.focusAfterRender = `[data-id="edit-stage"][data-line-id="${id}"]`;
  }

  async handleSaveStage(): Promise<void> {
    const line = this.lines.find((l) => l.id === this.editingId);
    if (!line || this.savingStage || this.isLocked) return;
    const problem = stageChangeProblem(this.stageDraft, this.dateDraft);
    if (problem) {
      const selector = problem === 'actualDate' ? '[data-id="stage-date"]' : '[data-id="stage-combobox"]';
      const input = this.template?.querySelector<Validatable>(selector);
      input?.setCustomValidity(PROBLEM_LABELS[problem]);
      input?.reportValidity();
      input?.focus();
      return;
    }
    this.savingStage = true;
    try {
      await updateRecord({
        fields: {
          Id: line.id,
          [STAGE_FIELD.fieldApiName]: this.stageDraft,
          [INCURRED_ON_FIELD.fieldApiName]: this.dateDraft || null,
        },
      });
      this.dispatchEvent(
        successToast(
          stageUpdatedTitleLabel,
          formatLabel(stageUpdatedLabel, this.lineName(line), this.stageName(this.stageDraft)),
        ),
      );
      this.stagePatches = {
        ...this.stagePatches,
        [line.id]: { stage: this.stageDraft, incurredOn: this.dateDraft || null },
      };
      this.editingId = null;
      this.focusAfterRender = `[data-id="edit-stage"][data-line-id="${line.id}"]`;
      await this.refresh();
    } catch (error) {
      this.dispatchEvent(errorToast(stageFailedLabel, error as ErrorLike));
    } finally {
      this.savingStage = false;
    }
  }

  handleAskDelete(event: Event) {
    const line = this.lineOf(event);
    if (!line || this.isLocked) return;
    this.editingId = null;
    this.confirmDeleteId = line.id;
    this.focusAfterRender = `[data-id="keep-line"][data-line-id="${line.id}"]`;
  }

  handleKeep() {
    const id = this.confirmDeleteId;
    this.confirmDeleteId = null;
    this.focusAfterRender = `[data-id="delete-line"][data-line-id="${id}"]`;
  }

  async handleConfirmDelete(): Promise<void> {
    const line = this.lines.find((l) => l.id === this.confirmDeleteId);
    if (!line || this.deleting || this.isLocked) return;
    this.deleting = true;
    try {
      await deleteRecord(line.id);
      this.dispatchEvent(successToast(deletedTitleLabel, formatLabel(deletedLabel, this.lineName(line))));
      this.confirmDeleteId = null;
      this.removedIds = [...this.removedIds, line.id];
      this.focusAfterRender = this.canCreate ? '[data-id="add-expense"]' : undefined;
      await this.refresh();
    } catch (error) {
      this.dispatchEvent(errorToast(deleteFailedLabel, error as ErrorLike));
    } finally {
      this.deleting = false;
    }
  }
}
