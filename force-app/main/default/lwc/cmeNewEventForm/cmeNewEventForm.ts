import { LightningElement, api } from 'lwc';
import type { PicklistValue } from 'lightning/uiObjectInfoApi';
import { createRecord } from 'lightning/uiRecordApi';
import { formatLabel, picklistOptions } from 'c/cmeUi';
import type { Option } from 'c/cmeUi';
import type { FieldChangeDetail } from 'c/cmeFormControl';

import EVENT_OBJECT from '@salesforce/schema/CME_Event__c';

import {
  F,
  FORM_SECTIONS,
  defaultDraft,
  endAfterMovingStart,
  isDraftField,
  recordFieldsFrom,
  serverErrorsFrom,
  validateDraft,
} from './eventFormModel';
import type { DraftErrors, EventDraft, FormControl } from './eventFormModel';
import { LABELS } from './labels';

/** A fieldset of the form as the template renders it: its controls with their options and values. */
interface FormSection {
  key: string;
  legend: string;
  className: string;
  controls: (FormControl & { value: string })[];
}

interface ValidatableElement extends HTMLElement {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
}

/**
 * The New event dialog: a modal form with defaults, inline validation mirroring CME_Event__c's
 * validation rules, and createRecord's field errors under their fields. Creates the event itself and
 * then emits `created` ({ recordId, name }); Cancel, the close button and Escape emit `cancel`.
 * The parent renders it while open, so each opening starts afresh.
 */
export default class CmeNewEventForm extends LightningElement {
  /** Event_Type__c, Format__c and Therapy_Area__c picklist values. */
  @api typeValues: PicklistValue[] = [];
  @api formatValues: PicklistValue[] = [];
  @api therapyAreaValues: PicklistValue[] = [];
  /** The picklists' defaults, used for a new draft. */
  @api typeDefault?: string;
  @api formatDefault?: string;
  /** Active rule packs as options; the only one is chosen by default. */
  @api rulePacks: Option[] = [];
  /** Why the rule packs could not be loaded, shown in the rule pack's help. */
  @api rulePackErrors: string[] = [];

  labels = LABELS;
  /** The API names the form's inputs carry in data-field. */
  fields = F;

  draft: EventDraft = {};
  fieldErrors: DraftErrors = {};
  serverFieldErrors: DraftErrors = {};
  formMessages: string[] = [];
  isSaving = false;
  private showErrors = false;
  private focusOnRender = true;

  connectedCallback(): void {
    this.draft = defaultDraft(new Date(), {
      eventType: this.typeDefault,
      format: this.formatDefault,
      rulePackId: this.rulePacks.length === 1 ? this.rulePacks[0].value : undefined,
      timeZone: browserTimeZone(),
    });
  }

  renderedCallback(): void {
    if (!this.focusOnRender) return;
    this.focusOnRender = false;
    this.root.querySelector<HTMLElement>(`[data-field="${F.name}"]`)?.focus();
  }

  private get root(): ShadowRoot {
    return this.template as ShadowRoot;
  }

  /** FORM_SECTIONS with the draft's values, the picklists' options and the format's required fields. */
  get sections(): FormSection[] {
    const options: Record<string, Option[]> = {
      [F.eventType]: this.typeFormOptions,
      [F.format]: this.formatFormOptions,
      [F.therapyArea]: this.therapyAreaFormOptions,
      [F.rulePack]: this.rulePackFormOptions,
    };
    const inPerson = this.venueRequired;
    const required: Record<string, boolean> = {
      [F.venue]: inPerson,
      [F.city]: inPerson,
      [F.country]: inPerson,
      [F.virtualUrl]: this.urlRequired,
    };
    const last = FORM_SECTIONS.length - 1;
    return FORM_SECTIONS.map((section, index) => ({
      ...section,
      // The last fieldset ends the dialog's content: no space below it.
      className: index < last ? 'slds-form-element slds-var-m-bottom_medium' : 'slds-form-element',
      controls: section.controls.map((control) => ({
        ...control,
        required: required[control.field] ?? control.required ?? false,
        help: control.field === F.rulePack ? this.rulePackHelp : control.help,
        options: options[control.field],
        value: this.draft[control.field],
      })),
    }));
  }

  get typeFormOptions(): Option[] {
    return picklistOptions(this.typeValues);
  }

  get formatFormOptions(): Option[] {
    return picklistOptions(this.formatValues);
  }

  get therapyAreaFormOptions(): Option[] {
    return picklistOptions(this.therapyAreaValues, LABELS.noneLabel);
  }

  get rulePackFormOptions(): Option[] {
    return [{ label: LABELS.noneLabel, value: '' }, ...(this.rulePacks ?? [])];
  }

  get rulePackHelp(): string {
    const errors = this.rulePackErrors ?? [];
    return errors.length ? formatLabel(LABELS.rulePacksErrorLabel, errors.join(' ')) : LABELS.fieldRulePackHelpLabel;
  }

  get hasFormMessages(): boolean {
    return this.formMessages.length > 0;
  }

  get saveButtonLabel(): string {
    return this.isSaving ? LABELS.savingLabel : LABELS.saveLabel;
  }

  get venueRequired(): boolean {
    return ['In-Person', 'Hybrid'].includes(this.draft[F.format]);
  }

  get urlRequired(): boolean {
    return ['Virtual', 'Hybrid'].includes(this.draft[F.format]);
  }

  handleCancel(): void {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  /** Escape closes the dialog; Tab and Shift+Tab wrap around inside it (it is modal). */
  handleFormKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !this.isSaving) {
      event.stopPropagation();
      this.handleCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    const first = this.root.querySelector<HTMLElement>('[data-id="form-close"]');
    const last = this.root.querySelector<HTMLElement>(
      this.isSaving ? '[data-id="form-close"]' : '[data-id="form-save"]',
    );
    const active = this.root.activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  handleDraftChange(event: CustomEvent<FieldChangeDetail>): void {
    const field = event.detail.field;
    let value = event.detail.value;
    if (field === F.country) value = value.toUpperCase();
    const draft = { ...this.draft, [field]: value };
    if (field === F.start) draft[F.end] = endAfterMovingStart(this.draft[F.start], this.draft[F.end], value);
    this.draft = draft;
    if (this.serverFieldErrors[field]) {
      const rest = { ...this.serverFieldErrors };
      delete rest[field];
      this.serverFieldErrors = rest;
    }
    if (this.showErrors) {
      this.fieldErrors = { ...validateDraft(this.draft), ...this.serverFieldErrors };
      this.applyFieldErrors();
    }
  }

  /** Puts each field's message under it (lightning-input's custom validity) and shows it. */
  private applyFieldErrors(): void {
    for (const element of this.root.querySelectorAll<ValidatableElement>('[data-field]')) {
      const field = element.dataset.field as string;
      if (!isDraftField(field)) continue;
      element.setCustomValidity(this.fieldErrors[field] ?? '');
      element.reportValidity();
    }
  }

  private focusFirstInvalid(): void {
    const first = this.root.querySelector<HTMLElement>(
      Object.keys(this.fieldErrors)
        .map((f) => `[data-field="${f}"]`)
        .join(', ') || '[data-field]',
    );
    first?.focus();
  }

  private fixText(count: number): string {
    return count === 1 ? LABELS.fixFieldLabel : formatLabel(LABELS.fixFieldsLabel, count);
  }

  async handleSave(): Promise<void> {
    if (this.isSaving) return;
    this.showErrors = true;
    this.serverFieldErrors = {};
    this.fieldErrors = validateDraft(this.draft);
    this.applyFieldErrors();
    const invalid = Object.keys(this.fieldErrors).length;
    if (invalid) {
      this.formMessages = [this.fixText(invalid)];
      this.focusFirstInvalid();
      return;
    }
    this.formMessages = [];
    this.isSaving = true;
    const name = this.draft[F.name].trim();
    let recordId: string;
    try {
      const record = await createRecord({ apiName: EVENT_OBJECT.objectApiName, fields: recordFieldsFrom(this.draft) });
      recordId = record.id;
    } catch (error) {
      const { fieldErrors, messages } = serverErrorsFrom(error);
      this.serverFieldErrors = fieldErrors;
      this.fieldErrors = { ...fieldErrors };
      this.applyFieldErrors();
      const onFields = Object.keys(fieldErrors).length;
      this.formMessages = [...messages, ...(onFields ? [this.fixText(onFields)] : [])];
      this.isSaving = false;
      if (onFields) this.focusFirstInvalid();
      return;
    }
    this.isSaving = false;
    this.dispatchEvent(new CustomEvent('created', { detail: { recordId, name } }));
  }
}
