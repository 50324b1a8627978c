import { LightningElement, api } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import type { PicklistValue } from 'lightning/uiObjectInfoApi';
import { formServerErrors } from 'c/cmeErrors';
import { focusIn, formatLabel, picklistOptions, showFieldMessages } from 'c/cmeUi';
import type { Option, Validatable } from 'c/cmeUi';
import type { FieldChangeDetail, FormControl as BaseControl } from 'c/cmeFormControl';

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

import { DRAFT_KEY, EMPTY_DRAFT, SHARED, expenseKey, expenseProblems, suggestedPaymentForm } from './expenseFormLogic';
import type { ExpenseDraft, ExpenseProblem } from './expenseFormLogic';
import { LABELS } from './labels';

/** A control of the form (see c/cmeFormControl): half the row from medium screens unless `width` says. */
interface FormControl extends BaseControl {
  width?: string;
}

const HALF = 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2';

/**
 * The form's controls in keyboard order: the field each edits (its API name, the control's
 * data-field), the data-id tests and browser tests find it by, its label (the amount's, with the
 * currency, and the comboboxes' options come from the component); a lightning-input unless `kind` says.
 */
const CONTROLS: readonly FormControl[] = [
  {
    field: CATEGORY_FIELD.fieldApiName,
    id: 'expense-category',
    label: LABELS.categoryLabel,
    kind: 'combobox',
    required: true,
  },
  {
    field: AMOUNT_FIELD.fieldApiName,
    id: 'expense-amount',
    label: LABELS.amountLabel,
    type: 'number',
    required: true,
    min: 0.01,
    step: 0.01,
  },
  { field: STAGE_FIELD.fieldApiName, id: 'expense-stage', label: LABELS.stageLabel, kind: 'combobox', required: true },
  { field: DOCTOR_FIELD.fieldApiName, id: 'expense-doctor', label: LABELS.paidToLabel, kind: 'combobox' },
  { field: INCURRED_ON_FIELD.fieldApiName, id: 'expense-date', label: LABELS.incurredOnLabel, type: 'date' },
  {
    field: PAYMENT_FORM_FIELD.fieldApiName,
    id: 'expense-payment-form',
    label: LABELS.paymentFormLabel,
    kind: 'combobox',
  },
  { field: VENDOR_FIELD.fieldApiName, id: 'expense-vendor', label: LABELS.vendorLabel, maxLength: 255 },
  { field: RECEIPT_FIELD.fieldApiName, id: 'expense-receipt', label: LABELS.receiptLabel, maxLength: 80 },
  {
    field: DESCRIPTION_FIELD.fieldApiName,
    id: 'expense-description',
    label: LABELS.descriptionLabel,
    kind: 'textarea',
    maxLength: 255,
    width: 'slds-col slds-size_1-of-1',
  },
];

/** Fields of the form, by API name (inputs carry data-field with these). */
const FORM_FIELDS = CONTROLS.map((control) => control.field);

const PROBLEM_LABELS: Record<ExpenseProblem, string> = {
  required: LABELS.requiredLabel,
  positive: LABELS.positiveLabel,
  honorarium: LABELS.honorariumLabel,
  actualDate: LABELS.actualDateLabel,
};

/**
 * The form that adds one expense line to an event: category, amount, stage, who is paid (a doctor or
 * a shared cost), date, form of payment, vendor, receipt and description, checked inline as
 * CME_Expense__c's validation rules check them. Creates the line itself (createRecord), server errors
 * under their fields, then emits `saved` ({ category: its label, amount, stage }); Cancel emits
 * `cancel`. While `locked` (the event is pending approval) Save is disabled and says why.
 */
export default class CmeExpenseForm extends LightningElement {
  /** The event the line belongs to. */
  @api recordId?: string;
  /** The rule pack's ISO currency, for the amount's label ('' when unknown). */
  @api currency = '';
  @api categoryValues: PicklistValue[] = [];
  @api stageOptions: Option[] = [];
  @api paymentFormValues: PicklistValue[] = [];
  /** The doctors a line can be paid to directly (the shared-cost option comes first). */
  @api doctorOptions: Option[] = [];
  /** Whether the user may set Expense_Key__c (else the org's automation does). */
  @api keyCreateable = false;
  /** The event is pending approval: its lines cannot change. */
  @api locked = false;

  labels = LABELS;
  draft: ExpenseDraft = { ...EMPTY_DRAFT };
  paymentFormTouched = false;
  saving = false;
  formErrors: string[] = [];
  private focusAfterRender?: string = '[data-id="expense-category"]';

  renderedCallback() {
    if (this.focusAfterRender && focusIn(this.template, this.focusAfterRender)) this.focusAfterRender = undefined;
  }

  /** CONTROLS with the draft's values, the options and the amount's label, as the template renders them. */
  get controls() {
    const options: Record<string, Option[]> = {
      [CATEGORY_FIELD.fieldApiName]: this.categoryOptions,
      [STAGE_FIELD.fieldApiName]: this.stageOptions,
      [DOCTOR_FIELD.fieldApiName]: this.payeeOptions,
      [PAYMENT_FORM_FIELD.fieldApiName]: this.paymentFormOptions,
    };
    return CONTROLS.map((control) => ({
      ...control,
      label: control.field === AMOUNT_FIELD.fieldApiName ? this.amountFieldLabel : control.label,
      width: control.width ?? HALF,
      options: options[control.field],
      value: this.draft[DRAFT_KEY[control.field]],
    }));
  }

  get categoryOptions(): Option[] {
    return picklistOptions(this.categoryValues);
  }

  get paymentFormOptions(): Option[] {
    return picklistOptions(this.paymentFormValues, LABELS.noneLabel);
  }

  get payeeOptions(): Option[] {
    return [{ label: LABELS.sharedOptionLabel, value: SHARED }, ...(this.doctorOptions ?? [])];
  }

  get amountFieldLabel(): string {
    return this.currency ? formatLabel(LABELS.amountWithCurrencyLabel, this.currency) : LABELS.amountLabel;
  }

  get hasFormErrors(): boolean {
    return this.formErrors.length > 0;
  }

  get saveDisabled(): boolean {
    return this.saving || this.locked;
  }

  /** The locked explanation's id, for the disabled Save's aria-describedby. */
  get lockedDescribedBy(): string | undefined {
    return this.locked ? 'form-locked' : undefined;
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  handleFieldChange(event: CustomEvent<FieldChangeDetail>) {
    const { field, value } = event.detail;
    const next: ExpenseDraft = { ...this.draft, [DRAFT_KEY[field]]: value };
    if (field === PAYMENT_FORM_FIELD.fieldApiName) this.paymentFormTouched = true;
    // The usual form of payment follows the category until the user picks one.
    if (field === CATEGORY_FIELD.fieldApiName && !this.paymentFormTouched)
      next.paymentForm = suggestedPaymentForm(value);
    this.draft = next;
  }

  private formInputs(): Validatable[] {
    return [...(this.template?.querySelectorAll<Validatable>('.expense-form [data-field]') ?? [])];
  }

  /** Puts each message under its field (client or server) and focuses the first; true when there was one. */
  private showFieldMessages(messages: Record<string, string>): boolean {
    return showFieldMessages(this.formInputs(), messages);
  }

  private recordFields(draft: ExpenseDraft, amount: number): Record<string, unknown> {
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
    if (this.keyCreateable) fields[KEY_FIELD.fieldApiName] = expenseKey(this.recordId as string);
    return fields;
  }

  async handleSave(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.saving || !this.recordId) return;
    if (this.locked) {
      this.formErrors = [LABELS.lockedLabel];
      this.focusAfterRender = '[data-id="form-errors"]';
      return;
    }
    const draft = this.draft;
    const messages: Record<string, string> = {};
    for (const [field, problem] of Object.entries(expenseProblems(draft))) messages[field] = PROBLEM_LABELS[problem];
    this.formErrors = [];
    if (this.showFieldMessages(messages)) return;

    const amount = Math.round(Number(draft.amount) * 100) / 100;
    this.saving = true;
    try {
      await createRecord({ apiName: EXPENSE_OBJECT.objectApiName, fields: this.recordFields(draft, amount) });
    } catch (error) {
      this.showServerErrors(error);
      return;
    } finally {
      this.saving = false;
    }
    const category = (this.categoryValues ?? []).find((v) => v.value === draft.category)?.label ?? draft.category;
    this.dispatchEvent(new CustomEvent('saved', { detail: { category, amount, stage: draft.stage } }));
  }

  private showServerErrors(error: unknown): void {
    // ENTITY_IS_LOCKED (the event went to approval meanwhile) reads as c/cmeErrors' sentence.
    const { fields: fieldMessages, messages } = formServerErrors(error, (field) => FORM_FIELDS.includes(field));
    this.formErrors = messages;
    this.showFieldMessages(fieldMessages);
    if (!Object.keys(fieldMessages).length) this.focusAfterRender = '[data-id="form-errors"]';
  }
}
