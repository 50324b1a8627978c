import { LightningElement, api } from 'lwc';
import { deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import { errorToast, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import type { FieldChangeDetail, FormControl } from 'c/cmeFormControl';
import { focusIn, formatLabel, localTodayIso } from 'c/cmeUi';
import type { Option, Validatable } from 'c/cmeUi';

import STAGE_FIELD from '@salesforce/schema/CME_Expense__c.Stage__c';
import INCURRED_ON_FIELD from '@salesforce/schema/CME_Expense__c.Incurred_On__c';

import { moneyOrNumber } from 'c/cmeDomain';
import { formatDay, nextStage, stageChangeProblem } from './lineLogic';
import type { ExpenseRow, StageProblem } from './lineLogic';

/** The row type of the `lines` property, for the screens that build them. */
export type { ExpenseRow };
import { LABELS } from './labels';

const PROBLEM_LABELS: Record<StageProblem, string> = {
  required: LABELS.requiredLabel,
  actualDate: LABELS.actualDateLabel,
};

/** The buttons in a line's actions cell, by data-id: Change stage and Delete, or the delete's confirmation. */
type LineButtonId = 'edit-stage' | 'delete-line' | 'confirm-delete' | 'keep-line';

interface LineButton {
  id: LineButtonId;
  label: string;
  className: string;
  disabled: boolean;
  ariaLabel?: string;
  describedBy?: string;
}

/** A line's actions, shown when the user may (`allowedBy`); the aria label names the line ({0}). */
const LINE_ACTIONS = [
  {
    id: 'edit-stage',
    label: LABELS.changeStageLabel,
    ariaLabel: LABELS.changeStageAriaLabel,
    variant: 'neutral',
    allowedBy: 'canEdit',
  },
  {
    id: 'delete-line',
    label: LABELS.deleteLabel,
    ariaLabel: LABELS.deleteAriaLabel,
    variant: 'text-destructive',
    allowedBy: 'canDelete',
  },
] as const;

/** An SLDS button of the variant, sized for a tap (c/cmeButtonStyles). */
const buttonClass = (variant: 'neutral' | 'destructive' | 'text-destructive') =>
  `slds-button slds-button_${variant} action-button`;

/**
 * An event's expense lines as a table (stacked on phones): category, amount, stage, who was paid,
 * vendor, receipt, date; per line a stage change (with the date Actual needs) and a delete with
 * confirmation, each written here (updateRecord / deleteRecord, toasts). Emits `stagechange`
 * ({ id, stage, incurredOn }) and `linedelete` ({ id }) after the write, so the parent shows the
 * change at once and refreshes. While `locked` the actions show disabled and say why.
 */
export default class CmeExpenseLines extends LightningElement {
  /** The lines, as the parent shows them (its pending changes applied). */
  @api lines: ExpenseRow[] = [];
  /** The rule pack's ISO currency ('' when unknown). */
  @api currency = '';
  /** The Stage__c picklist. */
  @api stageOptions: Option[] = [];
  @api canEdit = false;
  @api canDelete = false;
  /** The event is pending approval: its lines cannot change. */
  @api locked = false;

  labels = LABELS;
  editingId: string | null = null;
  stageDraft = '';
  dateDraft = '';
  savingStage = false;
  confirmDeleteId: string | null = null;
  deleting = false;
  private focusAfterRender?: string;

  renderedCallback() {
    if (this.focusAfterRender && focusIn(this.template, this.focusAfterRender)) this.focusAfterRender = undefined;
  }

  get stageSaveDisabled(): boolean {
    return this.savingStage || this.locked;
  }

  get deleteDisabled(): boolean {
    return this.deleting || this.locked;
  }

  /** The locked explanation's id, for the disabled actions' aria-describedby. */
  get lockedDescribedBy(): string | undefined {
    return this.locked ? 'lines-locked' : undefined;
  }

  get editDateRequired(): boolean {
    return this.stageDraft === 'Actual';
  }

  private stageName(stage: string): string {
    return (this.stageOptions ?? []).find((v) => v.value === stage)?.label ?? stage;
  }

  private money(amount: number): string {
    return moneyOrNumber(amount, this.currency);
  }

  private lineName(line: ExpenseRow): string {
    return formatLabel(LABELS.lineNameLabel, line.categoryLabel || line.category, this.lineAmount(line));
  }

  private lineAmount(line: ExpenseRow): string {
    if (this.currency) return this.money(line.amount);
    return line.amountDisplay || this.money(line.amount);
  }

  get rows() {
    return (this.lines ?? []).map((line) => {
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
        paidTo: line.doctorId ? line.doctorName : LABELS.sharedLabel,
        vendor: line.vendor,
        receipt: line.receipt,
        incurredOn: formatDay(line.incurredOn),
        vendorClass: line.vendor ? 'cell-vendor' : 'cell-vendor is-empty',
        receiptClass: line.receipt ? 'cell-receipt' : 'cell-receipt is-empty',
        dateClass: line.incurredOn ? 'cell-date' : 'cell-date is-empty',
        editing,
        confirming,
        confirmText: formatLabel(LABELS.confirmDeleteLabel, name),
        buttons: confirming ? this.confirmButtons() : editing ? [] : this.actionButtons(name),
      };
    });
  }

  /** Change stage and Delete (as the user may), disabled while the event is locked. */
  private actionButtons(name: string): LineButton[] {
    return LINE_ACTIONS.filter((action) => this[action.allowedBy]).map((action) => ({
      id: action.id,
      label: action.label,
      ariaLabel: formatLabel(action.ariaLabel, name),
      className: buttonClass(action.variant),
      disabled: this.locked,
      describedBy: this.lockedDescribedBy,
    }));
  }

  /** The delete's confirmation: Delete, or Keep the line. */
  private confirmButtons(): LineButton[] {
    return [
      {
        id: 'confirm-delete',
        label: LABELS.deleteLabel,
        className: buttonClass('destructive'),
        disabled: this.deleteDisabled,
        describedBy: this.lockedDescribedBy,
      },
      { id: 'keep-line', label: LABELS.keepLabel, className: buttonClass('neutral'), disabled: false },
    ];
  }

  /** A click on one of a line's buttons, told apart by its data-id. */
  handleLineButton(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id as LineButtonId;
    const line = this.lineOf(event);
    if (!line) return;
    if (id === 'edit-stage') this.editStage(line);
    else if (id === 'delete-line') this.askDelete(line);
    else if (id === 'confirm-delete') this.confirmDelete();
    else this.keep();
  }

  private lineOf(event: Event): ExpenseRow | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.lineId;
    return (this.lines ?? []).find((l) => l.id === id);
  }

  private editStage(line: ExpenseRow) {
    if (this.locked) return;
    this.confirmDeleteId = null;
    this.editingId = line.id;
    // Moving on a stage is the usual change: Estimated → Committed → Actual.
    const next = nextStage(line.stage);
    this.stageDraft = next;
    this.dateDraft = line.incurredOn ?? (next === 'Actual' ? localTodayIso() : '');
    this.focusAfterRender = '[data-id="stage-combobox"]'; // one line edits at a time
  }

  /** The stage editor's stage and date (the date required for Actual). */
  get stageControls(): FormControl[] {
    return [
      {
        field: 'stage',
        id: 'stage-combobox',
        kind: 'combobox',
        label: LABELS.stageLabel,
        options: this.stageOptions,
        value: this.stageDraft,
      },
      {
        field: 'incurredOn',
        id: 'stage-date',
        type: 'date',
        label: LABELS.incurredOnLabel,
        value: this.dateDraft,
        required: this.editDateRequired,
      },
    ];
  }

  handleStageField(event: CustomEvent<FieldChangeDetail>) {
    if (event.detail.field === 'stage') this.stageDraft = event.detail.value;
    else this.dateDraft = event.detail.value;
  }

  handleCancelStage() {
    const id = this.editingId;
    this.editingId = null;
    this.focusAfterRender = `[data-id="edit-stage"][data-line-id="${id}"]`;
  }

  async handleSaveStage(): Promise<void> {
    const line = (this.lines ?? []).find((l) => l.id === this.editingId);
    if (!line || this.savingStage || this.locked) return;
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
          LABELS.stageUpdatedTitleLabel,
          formatLabel(LABELS.stageUpdatedLabel, this.lineName(line), this.stageName(this.stageDraft)),
        ),
      );
      const detail = { id: line.id, stage: this.stageDraft, incurredOn: this.dateDraft || null };
      this.editingId = null;
      this.focusAfterRender = `[data-id="edit-stage"][data-line-id="${line.id}"]`;
      this.dispatchEvent(new CustomEvent('stagechange', { detail }));
    } catch (error) {
      this.dispatchEvent(errorToast(LABELS.stageFailedLabel, error as ErrorLike));
    } finally {
      this.savingStage = false;
    }
  }

  private askDelete(line: ExpenseRow) {
    if (this.locked) return;
    this.editingId = null;
    this.confirmDeleteId = line.id;
    this.focusAfterRender = `[data-id="keep-line"][data-line-id="${line.id}"]`;
  }

  private keep() {
    const id = this.confirmDeleteId;
    this.confirmDeleteId = null;
    this.focusAfterRender = `[data-id="delete-line"][data-line-id="${id}"]`;
  }

  private async confirmDelete(): Promise<void> {
    const line = (this.lines ?? []).find((l) => l.id === this.confirmDeleteId);
    if (!line || this.deleting || this.locked) return;
    this.deleting = true;
    try {
      await deleteRecord(line.id);
      this.dispatchEvent(successToast(LABELS.deletedTitleLabel, formatLabel(LABELS.deletedLabel, this.lineName(line))));
      this.confirmDeleteId = null;
      this.dispatchEvent(new CustomEvent('linedelete', { detail: { id: line.id } }));
    } catch (error) {
      this.dispatchEvent(errorToast(LABELS.deleteFailedLabel, error as ErrorLike));
    } finally {
      this.deleting = false;
    }
  }
}
