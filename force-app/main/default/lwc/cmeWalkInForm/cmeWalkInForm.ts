import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { recordsOf } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import type { FieldChangeDetail, FormControl } from 'c/cmeFormControl';
import type { Validatable } from 'c/cmeUi';
import CONTACT_OBJECT from '@salesforce/schema/Contact';
import CONTACT_FIRST_NAME_FIELD from '@salesforce/schema/Contact.FirstName';
import CONTACT_LAST_NAME_FIELD from '@salesforce/schema/Contact.LastName';
import CONTACT_SPECIALTY_FIELD from '@salesforce/schema/Contact.CME_Specialty__c';
import CONTACT_CITY_FIELD from '@salesforce/schema/Contact.MailingCity';
import CONTACT_REGISTRATION_FIELD from '@salesforce/schema/Contact.CME_Registration_Number__c';
import CONTACT_EMAIL_FIELD from '@salesforce/schema/Contact.Email';
import { LABELS } from './labels';
import { EMPTY_WALK_IN, pickExistingContact, walkInProblems } from './walkIn';
import type { ContactMatch, WalkInDraft } from './walkIn';
import { CONTACT_BY_EMAIL, CONTACT_BY_REGISTRATION, CONTACT_BY_REGISTRATION_OR_EMAIL } from './queries';

/** How long a walk-in waits for the existing-doctor lookup before saying so. */
const LOOKUP_TIMEOUT_MS = 15000;

/** The doctor the walk-in is: found among the Contacts, or created from the form. */
export interface WalkInDetail {
  doctorId: string;
  /** What the list shows for the doctor until the roster query returns the attendance. */
  doctor: GraphqlNode;
  /** The found Contact's name, or the typed one. */
  name: string;
  /** The names as typed (for messages about this walk-in). */
  draftName: string;
  /** True when the Contact was created here, false when an existing one was found. */
  created: boolean;
}

export interface WalkInErrorDetail {
  error: unknown;
  draftName: string;
}

/** A control of the form (see c/cmeFormControl), by the draft property it edits. */
interface WalkInControl extends FormControl {
  field: keyof WalkInDraft;
}

/**
 * The form's controls in keyboard order: the draft property each edits (the control's data-field),
 * the data-id tests and browser tests find it by, its label and Contact's field length; the specialty
 * is the one combobox (its picklist's values). The doctor's names, registration and email are not
 * autocompleted: the rep's browser would offer the rep's own.
 */
const CONTROLS: readonly WalkInControl[] = [
  {
    field: 'firstName',
    id: 'walk-in-first-name',
    label: LABELS.firstNameLabel,
    maxLength: 40,
    required: true,
    autocomplete: 'off',
  },
  {
    field: 'lastName',
    id: 'walk-in-last-name',
    label: LABELS.lastNameLabel,
    maxLength: 80,
    required: true,
    autocomplete: 'off',
  },
  { field: 'specialty', id: 'walk-in-specialty', label: LABELS.specialtyLabel, kind: 'combobox' },
  { field: 'city', id: 'walk-in-city', label: LABELS.cityLabel, maxLength: 40 },
  {
    field: 'registration',
    id: 'walk-in-registration',
    label: LABELS.registrationLabel,
    maxLength: 30,
    autocomplete: 'off',
  },
  { field: 'email', id: 'walk-in-email', label: LABELS.emailLabel, maxLength: 80, type: 'email', autocomplete: 'off' },
];

interface PendingLookup {
  key: string;
  resolve: (contacts: ContactMatch[]) => void;
  reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Registers a doctor who came without an invitation: finds them among the Contacts by registration
 * number and/or email, or creates the Contact, then emits `walkin` with the doctor (the check-in
 * screen records the attendance, and sets `saving` meanwhile). A failed lookup or save emits
 * `walkinerror`; Cancel emits `cancel`.
 */
export default class CmeWalkInForm extends LightningElement {
  /** Names to start with (the search typed that matched nobody). */
  @api prefill?: Partial<WalkInDraft>;
  /** True while the check-in screen records the walk-in's attendance. */
  @api saving = false;

  draft: WalkInDraft = { ...EMPTY_WALK_IN };
  contactRecordTypeId?: string;
  specialties: PicklistValue[] = [];
  looking = false;
  lookupVariables?: Record<string, string>;
  labels = LABELS;

  private focused = false;
  private lookupCache = new Map<string, ContactMatch[]>();
  private pendingLookup?: PendingLookup;
  /** The Contact created for a walk-in whose attendance then failed: a retry reuses it. */
  private createdContact?: { signature: string; node: GraphqlNode };

  connectedCallback() {
    this.draft = { ...EMPTY_WALK_IN, ...this.prefill };
  }

  renderedCallback() {
    if (this.focused) return;
    this.focused = true;
    this.template?.querySelector<HTMLElement>('[data-id="walk-in-first-name"]')?.focus();
  }

  disconnectedCallback() {
    if (this.pendingLookup) clearTimeout(this.pendingLookup.timer);
  }

  get lookupQuery(): string | undefined {
    const vars = this.lookupVariables;
    if (!vars) return undefined;
    if (vars.registration && vars.email) return CONTACT_BY_REGISTRATION_OR_EMAIL;
    return vars.registration ? CONTACT_BY_REGISTRATION : CONTACT_BY_EMAIL;
  }

  @wire(graphql, { query: '$lookupQuery', variables: '$lookupVariables' })
  wiredLookup(result: GraphqlResult) {
    const pending = this.pendingLookup;
    const { data, errors } = result ?? {};
    if (!pending || (!data && !(errors && errors.length))) return;
    this.pendingLookup = undefined;
    clearTimeout(pending.timer);
    if (data) {
      const contacts = recordsOf<ContactMatch>(data, 'Contact');
      this.lookupCache.set(pending.key, contacts);
      pending.resolve(contacts);
    } else {
      pending.reject(errors);
    }
  }

  @wire(getObjectInfo, { objectApiName: CONTACT_OBJECT })
  wiredContactInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (data) this.contactRecordTypeId = data.defaultRecordTypeId;
  }

  @wire(getPicklistValues, { recordTypeId: '$contactRecordTypeId', fieldApiName: CONTACT_SPECIALTY_FIELD })
  wiredSpecialties({ data }: { data?: { values: PicklistValue[] }; error?: unknown }) {
    if (data) this.specialties = data.values;
  }

  get busy(): boolean {
    return this.looking || this.saving;
  }

  /** CONTROLS with the draft's values, as the template renders them. */
  get controls() {
    return CONTROLS.map((control) => {
      const value = this.draft[control.field];
      if (control.kind !== 'combobox') return { ...control, value };
      return { ...control, value, placeholder: LABELS.specialtyPlaceholderLabel, options: this.specialtyOptions };
    });
  }

  get specialtyOptions() {
    return this.specialties.map((v) => ({ label: v.label, value: v.value }));
  }

  handleField(event: CustomEvent<FieldChangeDetail>) {
    const { field, value } = event.detail;
    this.draft = { ...this.draft, [field]: value };
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  private reportProblems(draft: WalkInDraft): boolean {
    const problems = walkInProblems(draft);
    const inputs = [...(this.template?.querySelectorAll<Validatable>('[data-field]') ?? [])];
    for (const input of inputs) {
      const field = input.dataset.field as string;
      const problem = problems.find((p) => p === field);
      input.setCustomValidity(problem ? (problem === 'email' ? LABELS.emailInvalidLabel : LABELS.requiredLabel) : '');
      input.reportValidity();
    }
    if (problems.length) {
      inputs.find((i) => i.dataset.field === problems[0])?.focus();
      return false;
    }
    return true;
  }

  /** The existing Contact the walk-in is, looked up by registration number and/or email. */
  private findExisting(draft: WalkInDraft): Promise<ContactMatch | undefined> {
    const registration = draft.registration.trim();
    const email = draft.email.trim();
    if (!registration && !email) return Promise.resolve(undefined);
    const variables: Record<string, string> = {};
    if (registration) variables.registration = registration;
    if (email) variables.email = email;
    const key = JSON.stringify(variables);
    const cached = this.lookupCache.get(key);
    if (cached) return Promise.resolve(pickExistingContact(cached, registration, email));
    return new Promise<ContactMatch[]>((resolve, reject) => {
      // A lookup that never answers must not leave the form spinning.
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      const timer = setTimeout(() => {
        this.pendingLookup = undefined;
        reject(new Error(LABELS.lookupTimeoutLabel));
      }, LOOKUP_TIMEOUT_MS);
      this.pendingLookup = { key, resolve, reject, timer };
      this.lookupVariables = variables;
    }).then((contacts) => pickExistingContact(contacts, registration, email));
  }

  async handleSubmit(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.busy) return;
    const draft = this.draft;
    if (!this.reportProblems(draft)) return;
    this.looking = true;
    const draftName = `${draft.firstName} ${draft.lastName}`.trim();
    try {
      const existing = await this.findExisting(draft);
      const detail = existing ? this.found(existing, draft) : await this.create(draft);
      this.dispatchEvent(new CustomEvent<WalkInDetail>('walkin', { detail: { ...detail, draftName } }));
    } catch (error) {
      const detail: WalkInErrorDetail = { error, draftName };
      this.dispatchEvent(new CustomEvent<WalkInErrorDetail>('walkinerror', { detail }));
    } finally {
      this.looking = false;
    }
  }

  private found(existing: ContactMatch, draft: WalkInDraft): Omit<WalkInDetail, 'draftName'> {
    return {
      doctorId: existing.Id,
      doctor: this.contactNode(existing.Id, draft, existing),
      name: existing.Name ?? `${draft.firstName} ${draft.lastName}`,
      created: false,
    };
  }

  /** Creates the Contact (or reuses the one created for the same draft before a failed check-in). */
  private async create(draft: WalkInDraft): Promise<Omit<WalkInDetail, 'draftName'>> {
    const signature = JSON.stringify(draft);
    if (this.createdContact?.signature !== signature) {
      const contact = await createRecord({
        apiName: CONTACT_OBJECT.objectApiName,
        fields: {
          [CONTACT_FIRST_NAME_FIELD.fieldApiName]: draft.firstName.trim(),
          [CONTACT_LAST_NAME_FIELD.fieldApiName]: draft.lastName.trim(),
          [CONTACT_SPECIALTY_FIELD.fieldApiName]: draft.specialty || null,
          [CONTACT_CITY_FIELD.fieldApiName]: draft.city.trim() || null,
          [CONTACT_REGISTRATION_FIELD.fieldApiName]: draft.registration.trim() || null,
          [CONTACT_EMAIL_FIELD.fieldApiName]: draft.email.trim() || null,
        },
      });
      this.createdContact = { signature, node: this.contactNode(contact.id, draft) };
    }
    const doctor = this.createdContact!.node;
    return {
      doctorId: String(doctor.Id),
      doctor,
      name: `${draft.firstName.trim()} ${draft.lastName.trim()}`,
      created: true,
    };
  }

  /** What the list shows for a walk-in until the query returns it: the Contact found, else the form. */
  private contactNode(id: string, draft: WalkInDraft, existing?: ContactMatch): GraphqlNode {
    const label = this.specialties.find((v) => v.value === draft.specialty)?.label ?? draft.specialty;
    const firstName = existing ? (existing.FirstName ?? '') : draft.firstName.trim();
    const lastName = existing ? (existing.LastName ?? '') : draft.lastName.trim();
    return {
      Id: id,
      FirstName: { value: firstName },
      LastName: { value: lastName },
      Name: { value: existing?.Name ?? `${firstName} ${lastName}`.trim() },
      CME_Specialty__c: { value: draft.specialty || null, displayValue: label || null },
      MailingCity: { value: draft.city.trim() || null },
      CME_Registration_Number__c: { value: draft.registration.trim() || null },
    };
  }
}
