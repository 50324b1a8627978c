import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import {
  createRecord,
  getFieldValue,
  getFieldDisplayValue,
  getRecord,
  notifyRecordUpdateAvailable,
  updateRecord,
} from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { errorToast, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { recordsOf } from 'c/cmeRecords';
import type { GraphqlNode } from 'c/cmeRecords';
import { formatLabel } from 'c/cmeUi';
import {
  MAX_VISIBLE_ROWS,
  SIGNED_NAME_MAX_LENGTH,
  attendanceKey,
  buildRoster,
  canRecordAttendance,
  checkInAvailability,
  checkInMethod,
  countRoster,
  defaultMode,
  filterRoster,
  fitSignature,
  formatClock,
  isDuplicateError,
  pickExistingContact,
  sha256Hex,
  signatureHashInput,
  splitName,
  walkInProblems,
} from './checkInLogic';
import type { AttendanceInfo, CheckInAvailability, ContactMatch, RosterEntry, WalkInDraft } from './checkInLogic';

export {
  SIGNATURE_MAX_LENGTH,
  attendanceKey,
  buildRoster,
  canRecordAttendance,
  checkInAvailability,
  checkInMethod,
  countRoster,
  defaultMode,
  filterRoster,
  fitSignature,
  formatClock,
  isDuplicateError,
  normalise,
  pickExistingContact,
  sha256Hex,
  splitName,
  walkInProblems,
} from './checkInLogic';

import EVENT_NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import EVENT_STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';
import EVENT_FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import EVENT_TIME_ZONE_FIELD from '@salesforce/schema/CME_Event__c.Time_Zone__c';
import EVENT_KEY_FIELD from '@salesforce/schema/CME_Event__c.Event_Key__c';

import ATTENDANCE_OBJECT from '@salesforce/schema/CME_Attendance__c';
import ATT_EVENT_FIELD from '@salesforce/schema/CME_Attendance__c.Event__c';
import ATT_INVITATION_FIELD from '@salesforce/schema/CME_Attendance__c.Invitation__c';
import ATT_DOCTOR_FIELD from '@salesforce/schema/CME_Attendance__c.Doctor__c';
import ATT_MODE_FIELD from '@salesforce/schema/CME_Attendance__c.Mode__c';
import ATT_CHECKED_IN_AT_FIELD from '@salesforce/schema/CME_Attendance__c.Checked_In_At__c';
import ATT_METHOD_FIELD from '@salesforce/schema/CME_Attendance__c.Sign_In_Method__c';
import ATT_KEY_FIELD from '@salesforce/schema/CME_Attendance__c.Attendance_Key__c';
import ATT_WALK_IN_FIELD from '@salesforce/schema/CME_Attendance__c.Walk_In__c';
import ATT_SIGNATURE_FIELD from '@salesforce/schema/CME_Attendance__c.Signature_Data__c';
import ATT_SIGNATURE_HASH_FIELD from '@salesforce/schema/CME_Attendance__c.Signature_SHA256__c';
import ATT_SIGNED_NAME_FIELD from '@salesforce/schema/CME_Attendance__c.Signed_Name__c';
import ATT_SIGNED_AT_FIELD from '@salesforce/schema/CME_Attendance__c.Signed_At__c';
import ATT_MEAL_FIELD from '@salesforce/schema/CME_Attendance__c.Meal_Opt_Out__c';
import ATT_MINUTES_FIELD from '@salesforce/schema/CME_Attendance__c.Minutes_Attended__c';

import CONTACT_OBJECT from '@salesforce/schema/Contact';
import CONTACT_FIRST_NAME_FIELD from '@salesforce/schema/Contact.FirstName';
import CONTACT_LAST_NAME_FIELD from '@salesforce/schema/Contact.LastName';
import CONTACT_SPECIALTY_FIELD from '@salesforce/schema/Contact.CME_Specialty__c';
import CONTACT_CITY_FIELD from '@salesforce/schema/Contact.MailingCity';
import CONTACT_REGISTRATION_FIELD from '@salesforce/schema/Contact.CME_Registration_Number__c';
import CONTACT_EMAIL_FIELD from '@salesforce/schema/Contact.Email';

import titleLabel from '@salesforce/label/c.CME_CheckIn_Title';
import loadingLabel from '@salesforce/label/c.CME_CheckIn_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_CheckIn_Error_Title';
import countsLabel from '@salesforce/label/c.CME_CheckIn_Counts';
import countsWalkInsLabel from '@salesforce/label/c.CME_CheckIn_Counts_Walk_Ins';
import countsWalkInLabel from '@salesforce/label/c.CME_CheckIn_Counts_Walk_In';
import countsOthersLabel from '@salesforce/label/c.CME_CheckIn_Counts_Others';
import countsOtherLabel from '@salesforce/label/c.CME_CheckIn_Counts_Other';
import searchLabel from '@salesforce/label/c.CME_CheckIn_Search_Label';
import searchPlaceholderLabel from '@salesforce/label/c.CME_CheckIn_Search_Placeholder';
import searchHelpLabel from '@salesforce/label/c.CME_CheckIn_Search_Help';
import resultsManyLabel from '@salesforce/label/c.CME_CheckIn_Results_Many';
import resultsOneLabel from '@salesforce/label/c.CME_CheckIn_Results_One';
import noMatchLabel from '@salesforce/label/c.CME_CheckIn_No_Match';
import moreRowsLabel from '@salesforce/label/c.CME_CheckIn_More_Rows';
import emptyLabel from '@salesforce/label/c.CME_CheckIn_Empty';
import listLabel from '@salesforce/label/c.CME_CheckIn_List_Label';
import checkInLabel from '@salesforce/label/c.CME_CheckIn_Check_In';
import checkingInLabel from '@salesforce/label/c.CME_CheckIn_Checking_In';
import checkInAriaLabel from '@salesforce/label/c.CME_CheckIn_Check_In_Aria';
import checkedInAtLabel from '@salesforce/label/c.CME_CheckIn_Checked_In_At';
import notCheckedInLabel from '@salesforce/label/c.CME_CheckIn_Not_Checked_In';
import walkInBadgeLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Badge';
import registrationShortLabel from '@salesforce/label/c.CME_CheckIn_Registration_Short';
import detailsLabel from '@salesforce/label/c.CME_CheckIn_Details';
import detailsAriaLabel from '@salesforce/label/c.CME_CheckIn_Details_Aria';
import signedAtLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Signed';
import needsSignatureLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Needs_Signature';
import virtualMinutesLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Minutes';
import needsMinutesLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Needs_Minutes';
import needsEvidenceLabel from '@salesforce/label/c.CME_CheckIn_Evidence_Needed';
import noMealLabel from '@salesforce/label/c.CME_CheckIn_No_Meal';
import modeLabel from '@salesforce/label/c.CME_CheckIn_Mode_Label';
import modeInPersonLabel from '@salesforce/label/c.CME_CheckIn_Mode_In_Person';
import modeVirtualLabel from '@salesforce/label/c.CME_CheckIn_Mode_Virtual';
import notYetLabel from '@salesforce/label/c.CME_CheckIn_Not_Yet';
import lockedLabel from '@salesforce/label/c.CME_CheckIn_Locked';
import cancelledLabel from '@salesforce/label/c.CME_CheckIn_Cancelled';
import closedLabel from '@salesforce/label/c.CME_CheckIn_Closed';
import lateLabel from '@salesforce/label/c.CME_CheckIn_Late';
import unknownStatusLabel from '@salesforce/label/c.CME_CheckIn_Unknown_Status';
import successTitleLabel from '@salesforce/label/c.CME_CheckIn_Success_Title';
import successLabel from '@salesforce/label/c.CME_CheckIn_Success';
import duplicateTitleLabel from '@salesforce/label/c.CME_CheckIn_Duplicate_Title';
import duplicateLabel from '@salesforce/label/c.CME_CheckIn_Duplicate';
import failedLabel from '@salesforce/label/c.CME_CheckIn_Failed';
import walkInRegisterLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Register';
import walkInTitleLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Title';
import walkInHelpLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Help';
import firstNameLabel from '@salesforce/label/c.CME_CheckIn_First_Name';
import lastNameLabel from '@salesforce/label/c.CME_CheckIn_Last_Name';
import specialtyLabel from '@salesforce/label/c.CME_CheckIn_Specialty';
import specialtyPlaceholderLabel from '@salesforce/label/c.CME_CheckIn_Specialty_Placeholder';
import cityLabel from '@salesforce/label/c.CME_CheckIn_City';
import registrationLabel from '@salesforce/label/c.CME_CheckIn_Registration';
import emailLabel from '@salesforce/label/c.CME_CheckIn_Email';
import requiredLabel from '@salesforce/label/c.CME_CheckIn_Required';
import emailInvalidLabel from '@salesforce/label/c.CME_CheckIn_Email_Invalid';
import walkInSubmitLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Submit';
import cancelLabel from '@salesforce/label/c.CME_CheckIn_Cancel';
import walkInSavingLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Saving';
import walkInSuccessTitleLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Success_Title';
import walkInNewLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_New';
import walkInExistingLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Existing';
import walkInInvitedLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Invited';
import walkInFailedLabel from '@salesforce/label/c.CME_CheckIn_Walk_In_Failed';
import lookupTimeoutLabel from '@salesforce/label/c.CME_CheckIn_Lookup_Timeout';
import signatureLegendLabel from '@salesforce/label/c.CME_CheckIn_Signature_Legend';
import signingForLabel from '@salesforce/label/c.CME_CheckIn_Signing_For';
import signatureHelpLabel from '@salesforce/label/c.CME_CheckIn_Signature_Help';
import signaturePadLabel from '@salesforce/label/c.CME_CheckIn_Signature_Pad';
import signedNameLabel from '@salesforce/label/c.CME_CheckIn_Signed_Name';
import signLabel from '@salesforce/label/c.CME_CheckIn_Sign';
import clearLabel from '@salesforce/label/c.CME_CheckIn_Clear';
import signedNameRequiredLabel from '@salesforce/label/c.CME_CheckIn_Signed_Name_Required';
import signedTextLabel from '@salesforce/label/c.CME_CheckIn_Signed_Text';
import signatureSavedTitleLabel from '@salesforce/label/c.CME_CheckIn_Signature_Saved_Title';
import signatureSavedLabel from '@salesforce/label/c.CME_CheckIn_Signature_Saved';
import signatureFailedLabel from '@salesforce/label/c.CME_CheckIn_Signature_Failed';
import signatureTooLargeLabel from '@salesforce/label/c.CME_CheckIn_Signature_Too_Large';
import signatureUnavailableLabel from '@salesforce/label/c.CME_CheckIn_Signature_Unavailable';
import signatureNoAccessLabel from '@salesforce/label/c.CME_CheckIn_Signature_No_Access';
import mealOptOutLabel from '@salesforce/label/c.CME_CheckIn_Meal_Opt_Out';
import minutesLabel from '@salesforce/label/c.CME_CheckIn_Minutes';
import minutesHelpLabel from '@salesforce/label/c.CME_CheckIn_Minutes_Help';
import saveMinutesLabel from '@salesforce/label/c.CME_CheckIn_Save_Minutes';
import minutesInvalidLabel from '@salesforce/label/c.CME_CheckIn_Minutes_Invalid';
import updatedTitleLabel from '@salesforce/label/c.CME_CheckIn_Updated_Title';
import mealSavedLabel from '@salesforce/label/c.CME_CheckIn_Meal_Saved';
import mealKeptLabel from '@salesforce/label/c.CME_CheckIn_Meal_Kept';
import minutesSavedLabel from '@salesforce/label/c.CME_CheckIn_Minutes_Saved';
import updateFailedLabel from '@salesforce/label/c.CME_CheckIn_Update_Failed';
import savingLabel from '@salesforce/label/c.CME_CheckIn_Saving';

/**
 * The event's invitations (with the doctor) and its attendance, walk-ins included.
 * Standard Contact fields a profile may hide (MailingCity, Email) are `@optional`: the server leaves
 * out a field the user cannot read instead of failing the whole query (API v65.0+; Salesforce's
 * forcedotcom/afv-library skill using-ui-bundle-salesforce-data). A missing city or email reads as none.
 */
const ROSTER_QUERY = gql`
  query CmeCheckInRoster($eventId: ID) {
    uiapi {
      query {
        CME_Invitation__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              Id
              Doctor__c {
                value
              }
              Status__c {
                value
                displayValue
              }
              Role__c {
                value
                displayValue
              }
              Doctor__r {
                Id
                Name {
                  value
                }
                FirstName {
                  value
                }
                LastName {
                  value
                }
                CME_Primary_Type__c {
                  value
                }
                CME_Specialty__c {
                  value
                  displayValue
                }
                MailingCity @optional {
                  value
                }
                CME_Registration_Number__c {
                  value
                }
              }
            }
          }
          totalCount
        }
        CME_Attendance__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              Id
              Doctor__c {
                value
              }
              Invitation__c {
                value
              }
              Walk_In__c {
                value
              }
              Mode__c {
                value
                displayValue
              }
              Checked_In_At__c {
                value
              }
              Sign_In_Method__c {
                value
                displayValue
              }
              Signature_SHA256__c {
                value
              }
              Signed_Name__c {
                value
              }
              Signed_At__c {
                value
              }
              Meal_Opt_Out__c {
                value
              }
              Minutes_Attended__c {
                value
              }
              Doctor__r {
                Id
                Name {
                  value
                }
                FirstName {
                  value
                }
                LastName {
                  value
                }
                CME_Primary_Type__c {
                  value
                }
                CME_Specialty__c {
                  value
                  displayValue
                }
                MailingCity @optional {
                  value
                }
                CME_Registration_Number__c {
                  value
                }
              }
            }
          }
          totalCount
        }
      }
    }
  }
`;

// A walk-in is matched to an existing Contact by registration number and/or email. Three documents,
// so a blank value is never sent as `eq: null` (which would match every Contact without one).
const CONTACT_BY_REGISTRATION = gql`
  query CmeWalkInByRegistration($registration: String) {
    uiapi {
      query {
        Contact(where: { CME_Registration_Number__c: { eq: $registration } }, first: 5) {
          edges {
            node {
              Id
              Name {
                value
              }
              FirstName {
                value
              }
              LastName {
                value
              }
              CME_Registration_Number__c {
                value
              }
              Email @optional {
                value
              }
            }
          }
        }
      }
    }
  }
`;

const CONTACT_BY_EMAIL = gql`
  query CmeWalkInByEmail($email: String) {
    uiapi {
      query {
        Contact(where: { Email: { eq: $email } }, first: 5) {
          edges {
            node {
              Id
              Name {
                value
              }
              FirstName {
                value
              }
              LastName {
                value
              }
              CME_Registration_Number__c {
                value
              }
              Email @optional {
                value
              }
            }
          }
        }
      }
    }
  }
`;

const CONTACT_BY_REGISTRATION_OR_EMAIL = gql`
  query CmeWalkInByRegistrationOrEmail($registration: String, $email: String) {
    uiapi {
      query {
        Contact(
          where: { or: [{ CME_Registration_Number__c: { eq: $registration } }, { Email: { eq: $email } }] }
          first: 5
        ) {
          edges {
            node {
              Id
              Name {
                value
              }
              FirstName {
                value
              }
              LastName {
                value
              }
              CME_Registration_Number__c {
                value
              }
              Email @optional {
                value
              }
            }
          }
        }
      }
    }
  }
`;

const EVENT_FIELDS = [EVENT_NAME_FIELD, EVENT_STATUS_FIELD, EVENT_FORMAT_FIELD, EVENT_TIME_ZONE_FIELD, EVENT_KEY_FIELD];

/** How long a walk-in waits for the existing-doctor lookup before saying so. */
const LOOKUP_TIMEOUT_MS = 15000;
/** The signature pad's drawing surface in canvas pixels (3:1); CSS scales it to the screen. */
const PAD_WIDTH = 600;
const PAD_HEIGHT = 200;

type Validatable = HTMLElement & {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
  focus(): void;
  checked?: boolean;
};

interface RowView {
  key: string;
  name: string;
  meta: string;
  badgeText: string;
  badgeClass: string;
  roleText: string;
  statusText: string;
  evidenceText: string;
  canCheckIn: boolean;
  /** Pending approval: the check-in button shows, disabled and described by the lock notice. */
  checkInLocked: boolean;
  canOpenDetails: boolean;
  busy: boolean;
  checkInText: string;
  checkInAria: string;
  detailsAria: string;
  expanded: boolean;
  expandedText: string;
  liNav: string | undefined;
  liTabindex: string | undefined;
  rowClass: string;
}

interface PendingLookup {
  key: string;
  resolve: (contacts: ContactMatch[]) => void;
  reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

const EMPTY_WALK_IN: WalkInDraft = {
  firstName: '',
  lastName: '',
  specialty: '',
  city: '',
  registration: '',
  email: '',
};

export default class CmeCheckIn extends LightningElement {
  @api recordId?: string;
  /**
   * Sign-in evidence recorded by a one-tap check-in at the venue: 'E-Signature' (the doctor signs on
   * this screen next) or 'Paper Sheet' (the doctor signs the printed sheet).
   */
  @api signInMethod = 'E-Signature';

  eventRecord?: RecordRepresentation;
  eventErrors: string[] = [];
  eventLoaded = false;

  /**
   * The roster wire's `refresh`: lightning/graphql puts it on each emitted result (lwc-recipes
   * graphqlRefresh keeps the latest one). Undefined before the first result, when nothing is stale.
   */
  refreshRoster?: () => Promise<void>;
  rosterData?: unknown;
  rosterErrors: string[] = [];
  rosterLoaded = false;

  /** Attendances created here that the query has not returned yet. */
  optimistic: { doctorNode: GraphqlNode; attendance: AttendanceInfo }[] = [];
  /** Changes saved here (signature, meal, minutes) until the refreshed query shows them. */
  patches: Record<string, Partial<AttendanceInfo>> = {};

  query = '';
  chosenMode?: 'In-Person' | 'Virtual';
  busyKeys: Record<string, boolean> = {};
  expandedKey: string | null = null;
  announcement = '';

  signedName = '';
  signing = false;
  savingAttendance = false;
  minutesDraft = '';

  showWalkIn = false;
  walkIn: WalkInDraft = { ...EMPTY_WALK_IN };
  walkInSaving = false;
  lookupVariables?: Record<string, string>;

  contactRecordTypeId?: string;
  specialtyValues: PicklistValue[] = [];
  signatureWritable = true;

  labels = {
    titleLabel,
    loadingLabel,
    errorTitleLabel,
    searchLabel,
    searchPlaceholderLabel,
    searchHelpLabel,
    emptyLabel,
    listLabel,
    detailsLabel,
    modeLabel,
    walkInRegisterLabel,
    walkInTitleLabel,
    walkInHelpLabel,
    firstNameLabel,
    lastNameLabel,
    specialtyLabel,
    specialtyPlaceholderLabel,
    cityLabel,
    registrationLabel,
    emailLabel,
    walkInSubmitLabel,
    cancelLabel,
    walkInSavingLabel,
    signatureLegendLabel,
    signatureHelpLabel,
    signaturePadLabel,
    signedNameLabel,
    signLabel,
    clearLabel,
    signatureNoAccessLabel,
    mealOptOutLabel,
    minutesLabel,
    minutesHelpLabel,
    saveMinutesLabel,
    savingLabel,
  };

  readonly padWidth = PAD_WIDTH;
  readonly padHeight = PAD_HEIGHT;
  readonly signedNameMaxLength = SIGNED_NAME_MAX_LENGTH;

  private drawing = false;
  private hasInk = false;
  private lookupCache = new Map<string, ContactMatch[]>();
  private pendingLookup?: PendingLookup;
  /** The Contact created for a walk-in whose attendance then failed: a retry reuses it. */
  private createdContact?: { signature: string; node: GraphqlNode };
  private focusAfterRender?: string;

  // ------------------------------------------------------------------ data

  @wire(getRecord, { recordId: '$recordId', fields: EVENT_FIELDS })
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

  get rosterVariables(): Record<string, unknown> | undefined {
    return this.recordId ? { eventId: this.recordId } : undefined;
  }

  @wire(graphql, { query: ROSTER_QUERY, variables: '$rosterVariables' })
  wiredRosterResult(result: GraphqlResult) {
    const { data, errors, refresh } = result ?? {};
    if (refresh) this.refreshRoster = refresh;
    if (data) {
      this.rosterData = data;
      this.rosterErrors = [];
      this.rosterLoaded = true;
      this.patches = {};
      const present = new Set(buildRoster(data).map((e) => (e.attendance ? e.doctorId : '')));
      this.optimistic = this.optimistic.filter((o) => !present.has(String(o.doctorNode.Id)));
    } else if (errors && errors.length) {
      this.rosterErrors = reduceErrors(errors as ErrorLike[]);
      this.rosterLoaded = true;
    }
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
    if (data) this.specialtyValues = data.values;
  }

  /** A rep whose Signature SHA-256 field is read-only cannot save a signature (the rule needs it). */
  @wire(getObjectInfo, { objectApiName: ATTENDANCE_OBJECT })
  wiredAttendanceInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (data) {
      const field = data.fields[ATT_SIGNATURE_HASH_FIELD.fieldApiName] as { updateable?: boolean } | undefined;
      this.signatureWritable = field?.updateable !== false;
    }
  }

  renderedCallback() {
    if (!this.focusAfterRender) return;
    const target = this.template?.querySelector<HTMLElement>(this.focusAfterRender);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  disconnectedCallback() {
    if (this.pendingLookup) clearTimeout(this.pendingLookup.timer);
  }

  // ------------------------------------------------------------------ state

  get isLoading(): boolean {
    return !this.hasError && (!this.eventLoaded || !this.rosterLoaded);
  }

  get errors(): string[] {
    return [...this.eventErrors, ...this.rosterErrors];
  }

  get hasError(): boolean {
    return this.errors.length > 0;
  }

  get eventStatus(): string {
    return String(getFieldValue(this.eventRecord, EVENT_STATUS_FIELD) ?? '');
  }

  get eventFormat(): string {
    return String(getFieldValue(this.eventRecord, EVENT_FORMAT_FIELD) ?? '');
  }

  get timeZone(): string | undefined {
    return (getFieldValue(this.eventRecord, EVENT_TIME_ZONE_FIELD) as string | null) ?? undefined;
  }

  get availability(): CheckInAvailability {
    return checkInAvailability(this.eventStatus);
  }

  get canRecord(): boolean {
    return canRecordAttendance(this.availability);
  }

  get availabilityMessage(): string {
    switch (this.availability) {
      case 'late':
        return lateLabel;
      case 'not-yet':
        return formatLabel(notYetLabel, getFieldDisplayValue(this.eventRecord, EVENT_STATUS_FIELD) ?? this.eventStatus);
      case 'locked':
        return lockedLabel;
      case 'cancelled':
        return cancelledLabel;
      case 'closed':
        return closedLabel;
      case 'unknown':
        return unknownStatusLabel;
      default:
        return '';
    }
  }

  get availabilityClass(): string {
    return `availability slds-scoped-notification slds-var-m-bottom_small ${
      this.canRecord ? 'slds-theme_info' : 'slds-theme_warning'
    }`;
  }

  get isHybrid(): boolean {
    return this.eventFormat === 'Hybrid';
  }

  get showMinutes(): boolean {
    return this.eventFormat === 'Virtual' || this.eventFormat === 'Hybrid';
  }

  get currentMode(): 'In-Person' | 'Virtual' {
    if (this.isHybrid && this.chosenMode) return this.chosenMode;
    return defaultMode(this.eventFormat);
  }

  get modeOptions() {
    return [
      { label: modeInPersonLabel, value: 'In-Person' },
      { label: modeVirtualLabel, value: 'Virtual' },
    ];
  }

  get roster(): RosterEntry[] {
    const entries = buildRoster(this.rosterData, this.optimistic);
    if (!Object.keys(this.patches).length) return entries;
    return entries.map((e) => {
      const patch = e.attendance ? this.patches[e.attendance.id] : undefined;
      return patch && e.attendance ? { ...e, attendance: { ...e.attendance, ...patch } } : e;
    });
  }

  get filtered(): RosterEntry[] {
    return filterRoster(this.roster, this.query);
  }

  get isEmpty(): boolean {
    return this.roster.length === 0;
  }

  get countsText(): string {
    const c = countRoster(this.roster);
    const parts = [formatLabel(countsLabel, c.acceptedCheckedIn, c.accepted)];
    parts.push(c.walkIns === 1 ? countsWalkInLabel : formatLabel(countsWalkInsLabel, c.walkIns));
    if (c.otherInviteesCheckedIn > 0)
      parts.push(
        c.otherInviteesCheckedIn === 1 ? countsOtherLabel : formatLabel(countsOthersLabel, c.otherInviteesCheckedIn),
      );
    return parts.join(' · ');
  }

  get resultText(): string {
    if (!this.query.trim()) return '';
    const n = this.filtered.length;
    if (n === 0) return formatLabel(noMatchLabel, this.query.trim());
    return n === 1 ? resultsOneLabel : formatLabel(resultsManyLabel, n);
  }

  get hasMoreRows(): boolean {
    return this.filtered.length > MAX_VISIBLE_ROWS;
  }

  get moreRowsText(): string {
    return formatLabel(moreRowsLabel, MAX_VISIBLE_ROWS, this.filtered.length);
  }

  get hasRows(): boolean {
    return this.filtered.length > 0;
  }

  get rows(): RowView[] {
    return this.filtered.slice(0, MAX_VISIBLE_ROWS).map((e) => this.rowView(e));
  }

  private rowView(e: RosterEntry): RowView {
    const a = e.attendance;
    const canCheckIn = !a && this.canRecord;
    const busy = this.busyKeys[e.key] === true;
    const expanded = this.expandedKey === e.key && !!a;
    const focusable = !canCheckIn && !a;
    const accepted = e.invitationStatus === 'Accepted';
    return {
      key: e.key,
      name: e.name,
      meta: [e.specialty, e.city, e.registration ? formatLabel(registrationShortLabel, e.registration) : '']
        .filter(Boolean)
        .join(' · '),
      badgeText: e.invitationId ? e.invitationStatusLabel : walkInBadgeLabel,
      badgeClass: `slds-badge${accepted ? ' slds-theme_success' : ''}`,
      roleText: e.role && e.role !== 'Attendee' ? e.roleLabel : '',
      statusText: a ? formatLabel(checkedInAtLabel, formatClock(a.checkedInAt, this.timeZone)) : notCheckedInLabel,
      evidenceText: a ? this.evidenceText(a) : '',
      canCheckIn,
      checkInLocked: !a && this.availability === 'locked',
      canOpenDetails: !!a,
      busy,
      checkInText: busy ? checkingInLabel : checkInLabel,
      checkInAria: formatLabel(checkInAriaLabel, e.name),
      detailsAria: formatLabel(detailsAriaLabel, e.name),
      expanded,
      expandedText: String(expanded),
      liNav: focusable ? e.key : undefined,
      liTabindex: focusable ? '-1' : undefined,
      rowClass: `roster-row slds-var-p-vertical_x-small${a ? ' is-checked-in' : ''}`,
    };
  }

  private evidenceText(a: AttendanceInfo): string {
    let text: string;
    if (a.signed) text = formatLabel(signedAtLabel, formatClock(a.signedAt, this.timeZone));
    else if (a.method === 'Virtual Log' && a.minutes !== null) text = formatLabel(virtualMinutesLabel, a.minutes);
    else if (a.method === 'E-Signature') text = needsSignatureLabel;
    else if (a.method) text = a.methodLabel || a.method;
    else if (a.mode === 'Virtual')
      text = a.minutes !== null ? formatLabel(virtualMinutesLabel, a.minutes) : needsMinutesLabel;
    else text = needsEvidenceLabel;
    return a.mealOptOut ? `${text} · ${noMealLabel}` : text;
  }

  get expandedEntry(): RosterEntry | undefined {
    return this.expandedKey ? this.roster.find((e) => e.key === this.expandedKey && e.attendance) : undefined;
  }

  get detail() {
    const e = this.expandedEntry;
    const a = e?.attendance;
    if (!e || !a)
      return { signingFor: '', signed: false, signedText: '', showPad: false, showNoAccess: false, mealOptOut: false };
    return {
      signingFor: formatLabel(signingForLabel, e.name),
      signed: a.signed,
      signedText: a.signed
        ? formatLabel(signedTextLabel, a.signedName ?? '', formatClock(a.signedAt, this.timeZone))
        : '',
      showPad: !a.signed && this.canRecord && this.signatureWritable,
      showNoAccess: !a.signed && this.canRecord && !this.signatureWritable,
      mealOptOut: a.mealOptOut,
    };
  }

  get editDisabled(): boolean {
    return !this.canRecord || this.savingAttendance;
  }

  get signDisabled(): boolean {
    return this.signing;
  }

  get specialtyOptions() {
    return this.specialtyValues.map((v) => ({ label: v.label, value: v.value }));
  }

  get walkInToggleExpanded(): string {
    return String(this.showWalkIn);
  }

  // ------------------------------------------------------------------ search and keyboard

  handleSearch(event: CustomEvent<{ value: string }>) {
    this.query = event.detail?.value ?? '';
  }

  handleSearchKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      const matches = this.filtered;
      if (matches.length === 1) {
        const [only] = matches;
        if (!only.attendance && this.canRecord) this.checkIn(only, 'search');
        else this.focusRow(only.key);
      } else if (matches.length > 1) {
        this.focusRow(matches[0].key);
      } else if (this.query.trim() && this.canRecord) {
        this.openWalkIn(splitName(this.query));
      }
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      const first = this.filtered[0];
      if (first) this.focusRow(first.key);
    }
  }

  handleListKeydown(event: KeyboardEvent) {
    const target = event.target as HTMLElement | null;
    const current = target?.dataset?.nav;
    if (!current) return;
    const keys = this.rows.map((r) => r.key);
    const index = keys.indexOf(current);
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = keys[Math.min(index + 1, keys.length - 1)];
        break;
      case 'ArrowUp':
        if (index <= 0) {
          event.preventDefault();
          this.focusSearch();
          return;
        }
        next = keys[index - 1];
        break;
      case 'Home':
        next = keys[0];
        break;
      case 'End':
        next = keys[keys.length - 1];
        break;
      case 'Escape':
        event.preventDefault();
        this.focusSearch();
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) this.focusRow(next);
  }

  private focusRow(key: string) {
    const el = this.template?.querySelector<HTMLElement>(`[data-nav="${key}"]`);
    el?.focus();
  }

  private focusSearch() {
    this.template?.querySelector<HTMLElement>('[data-id="search"]')?.focus();
  }

  handleModeChange(event: CustomEvent<{ value: string }>) {
    this.chosenMode = event.detail.value === 'Virtual' ? 'Virtual' : 'In-Person';
  }

  // ------------------------------------------------------------------ check-in

  handleCheckInClick(event: Event) {
    const key = (event.currentTarget as HTMLElement).dataset.key;
    const entry = this.roster.find((e) => e.key === key);
    if (entry) this.checkIn(entry, 'row');
  }

  private async checkIn(entry: RosterEntry, origin: 'search' | 'row'): Promise<void> {
    if (!this.recordId || !this.canRecord || entry.attendance || this.busyKeys[entry.key]) return;
    this.busyKeys = { ...this.busyKeys, [entry.key]: true };
    try {
      const attendance = await this.recordAttendance(entry.doctorId, entry.invitationId, { Id: entry.doctorId });
      const time = formatClock(attendance.checkedInAt, this.timeZone);
      this.dispatchEvent(successToast(successTitleLabel, formatLabel(successLabel, entry.name, time)));
      this.announcement = formatLabel(successLabel, entry.name, time);
      this.afterCheckIn(entry.key, attendance, origin);
      await this.refresh();
    } catch (error) {
      if (isDuplicateError(error)) {
        this.showDuplicate(entry.name);
        await this.refresh();
      } else {
        this.dispatchEvent(errorToast(failedLabel, error as ErrorLike));
      }
    } finally {
      const rest = { ...this.busyKeys };
      delete rest[entry.key];
      this.busyKeys = rest;
    }
  }

  /** Opens the signature step after an e-signature check-in; otherwise keeps the rep's place. */
  private afterCheckIn(key: string, attendance: AttendanceInfo, origin: 'search' | 'row' | 'walk-in') {
    if (attendance.method === 'E-Signature' && this.signatureWritable) {
      this.openDetails(key);
      this.focusAfterRender = '[data-id="signed-name"]';
    } else if (origin === 'search') {
      this.focusAfterRender = '[data-id="search"]';
    } else {
      this.focusAfterRender = `[data-nav="${key}"]`;
    }
  }

  private showDuplicate(name: string) {
    const message = formatLabel(duplicateLabel, name);
    this.announcement = message;
    this.dispatchEvent(new ShowToastEvent({ title: duplicateTitleLabel, message, variant: 'info' }));
  }

  /** Creates the attendance; `doctorNode` is what the list shows until the query returns it. */
  private async recordAttendance(
    doctorId: string,
    invitationId: string | null,
    doctorNode: GraphqlNode,
  ): Promise<AttendanceInfo> {
    const eventId = this.recordId as string;
    const mode = this.currentMode;
    const method = checkInMethod(mode, this.signInMethod);
    const checkedInAt = new Date().toISOString();
    const walkIn = !invitationId;
    const record = await createRecord({
      apiName: ATTENDANCE_OBJECT.objectApiName,
      fields: {
        [ATT_EVENT_FIELD.fieldApiName]: eventId,
        [ATT_INVITATION_FIELD.fieldApiName]: invitationId,
        [ATT_DOCTOR_FIELD.fieldApiName]: doctorId,
        [ATT_MODE_FIELD.fieldApiName]: mode,
        [ATT_CHECKED_IN_AT_FIELD.fieldApiName]: checkedInAt,
        [ATT_METHOD_FIELD.fieldApiName]: method,
        [ATT_KEY_FIELD.fieldApiName]: attendanceKey(eventId, doctorId),
        [ATT_WALK_IN_FIELD.fieldApiName]: walkIn,
      },
    });
    const attendance: AttendanceInfo = {
      id: record?.id ?? '',
      checkedInAt,
      mode,
      modeLabel: mode === 'Virtual' ? modeVirtualLabel : modeInPersonLabel,
      method,
      methodLabel: method ?? '',
      signed: false,
      signedName: null,
      signedAt: null,
      mealOptOut: false,
      minutes: null,
      walkIn,
    };
    this.optimistic = [...this.optimistic, { doctorNode: { ...doctorNode, Id: doctorId }, attendance }];
    return attendance;
  }

  private async refresh(): Promise<void> {
    try {
      await Promise.all([
        this.refreshRoster?.(),
        this.recordId ? notifyRecordUpdateAvailable([{ recordId: this.recordId }]) : undefined,
      ]);
    } catch {
      // The write succeeded; the list catches up on the next load.
    }
  }

  // ------------------------------------------------------------------ details: signature, meal, minutes

  handleToggleDetails(event: Event) {
    const key = (event.currentTarget as HTMLElement).dataset.key as string;
    if (this.expandedKey === key) {
      this.expandedKey = null;
    } else {
      this.openDetails(key);
    }
  }

  private openDetails(key: string) {
    this.expandedKey = key;
    this.signedName = '';
    this.hasInk = false;
    const entry = this.roster.find((e) => e.key === key);
    const minutes = entry?.attendance?.minutes;
    this.minutesDraft = minutes === null || minutes === undefined ? '' : String(minutes);
  }

  private get pad(): HTMLCanvasElement | null {
    return this.template?.querySelector<HTMLCanvasElement>('canvas[data-id="signature-pad"]') ?? null;
  }

  private pointOf(event: PointerEvent, canvas: HTMLCanvasElement): { x: number; y: number } {
    const rect = canvas.getBoundingClientRect();
    const sx = rect.width ? canvas.width / rect.width : 1;
    const sy = rect.height ? canvas.height / rect.height : 1;
    return { x: (event.clientX - rect.left) * sx, y: (event.clientY - rect.top) * sy };
  }

  handlePointerDown(event: PointerEvent) {
    const canvas = this.pad;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    event.preventDefault();
    canvas.setPointerCapture?.(event.pointerId);
    this.drawing = true;
    const p = this.pointOf(event, canvas);
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#181818';
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  }

  handlePointerMove(event: PointerEvent) {
    if (!this.drawing) return;
    const canvas = this.pad;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    event.preventDefault();
    const p = this.pointOf(event, canvas);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    this.hasInk = true;
  }

  handlePointerUp(event: PointerEvent) {
    if (!this.drawing) return;
    this.drawing = false;
    const canvas = this.pad;
    if (canvas?.hasPointerCapture?.(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
  }

  handleClearSignature() {
    const canvas = this.pad;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    this.hasInk = false;
  }

  handleSignedNameChange(event: CustomEvent<{ value: string }>) {
    this.signedName = event.detail?.value ?? '';
    (event.target as Validatable).setCustomValidity?.('');
  }

  handleSignedNameKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.handleSign();
    }
  }

  /** Draws the typed name in a handwriting face: the keyboard way to sign. */
  private drawTypedSignature(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, name: string) {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    let size = 64;
    const face = (px: number) => `italic ${px}px "Segoe Script", "Brush Script MT", "Snell Roundhand", cursive`;
    ctx.font = face(size);
    while (size > 16 && ctx.measureText(name).width > canvas.width - 40) {
      size -= 4;
      ctx.font = face(size);
    }
    ctx.fillStyle = '#181818';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(name, canvas.width / 2, canvas.height / 2);
    this.hasInk = true;
  }

  /** The pad as a PNG data URL small enough for Signature_Data__c, scaled down when needed. */
  private exportSignature(canvas: HTMLCanvasElement): string | null {
    return fitSignature((scale) => {
      if (scale === 1) return canvas.toDataURL('image/png');
      const copy = document.createElement('canvas');
      copy.width = Math.max(1, Math.round(canvas.width * scale));
      copy.height = Math.max(1, Math.round(canvas.height * scale));
      copy.getContext('2d')?.drawImage(canvas, 0, 0, copy.width, copy.height);
      return copy.toDataURL('image/png');
    });
  }

  async handleSign(): Promise<void> {
    const entry = this.expandedEntry;
    const attendance = entry?.attendance;
    if (!entry || !attendance || this.signing) return;
    const input = this.template?.querySelector<Validatable>('[data-id="signed-name"]');
    const name = this.signedName.trim().slice(0, SIGNED_NAME_MAX_LENGTH);
    if (!name) {
      input?.setCustomValidity(signedNameRequiredLabel);
      input?.reportValidity();
      input?.focus();
      return;
    }
    input?.setCustomValidity('');
    const canvas = this.pad;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) {
      this.dispatchEvent(errorToast(signatureFailedLabel, signatureUnavailableLabel));
      return;
    }
    if (!this.hasInk) this.drawTypedSignature(canvas, ctx, name);
    const data = this.exportSignature(canvas);
    if (!data) {
      this.dispatchEvent(errorToast(signatureFailedLabel, signatureTooLargeLabel));
      return;
    }
    this.signing = true;
    try {
      const eventKey = String(getFieldValue(this.eventRecord, EVENT_KEY_FIELD) ?? this.recordId ?? '');
      const hash = await sha256Hex(signatureHashInput(data, name, eventKey));
      const signedAt = new Date().toISOString();
      await updateRecord({
        fields: {
          Id: attendance.id,
          [ATT_SIGNATURE_FIELD.fieldApiName]: data,
          [ATT_SIGNATURE_HASH_FIELD.fieldApiName]: hash,
          [ATT_SIGNED_NAME_FIELD.fieldApiName]: name,
          [ATT_SIGNED_AT_FIELD.fieldApiName]: signedAt,
          [ATT_METHOD_FIELD.fieldApiName]: 'E-Signature',
        },
      });
      this.patch(attendance.id, { signed: true, signedName: name, signedAt, method: 'E-Signature' });
      const message = formatLabel(signatureSavedLabel, entry.name);
      this.announcement = message;
      this.dispatchEvent(successToast(signatureSavedTitleLabel, message));
      this.focusAfterRender = `[data-nav="${entry.key}"]`;
      await this.refresh();
    } catch (error) {
      this.dispatchEvent(errorToast(signatureFailedLabel, error as ErrorLike));
    } finally {
      this.signing = false;
    }
  }

  private patch(attendanceId: string, change: Partial<AttendanceInfo>) {
    this.patches = { ...this.patches, [attendanceId]: { ...this.patches[attendanceId], ...change } };
  }

  async handleMealChange(event: CustomEvent<{ checked: boolean }>) {
    const entry = this.expandedEntry;
    const attendance = entry?.attendance;
    if (!entry || !attendance) return;
    const target = event.target as Validatable;
    const checked = event.detail?.checked === true;
    this.savingAttendance = true;
    try {
      await updateRecord({ fields: { Id: attendance.id, [ATT_MEAL_FIELD.fieldApiName]: checked } });
      this.patch(attendance.id, { mealOptOut: checked });
      const message = formatLabel(checked ? mealSavedLabel : mealKeptLabel, entry.name);
      this.announcement = message;
      this.dispatchEvent(successToast(updatedTitleLabel, message));
      await this.refresh();
    } catch (error) {
      target.checked = attendance.mealOptOut;
      this.dispatchEvent(errorToast(updateFailedLabel, error as ErrorLike));
    } finally {
      this.savingAttendance = false;
    }
  }

  handleMinutesChange(event: CustomEvent<{ value: string }>) {
    this.minutesDraft = event.detail?.value ?? '';
    (event.target as Validatable).setCustomValidity?.('');
  }

  async handleSaveMinutes(): Promise<void> {
    const entry = this.expandedEntry;
    const attendance = entry?.attendance;
    if (!entry || !attendance) return;
    const input = this.template?.querySelector<Validatable>('[data-id="minutes"]');
    const text = this.minutesDraft.trim();
    const minutes = Number(text);
    if (!text || !Number.isInteger(minutes) || minutes < 0 || minutes > 99999) {
      input?.setCustomValidity(minutesInvalidLabel);
      input?.reportValidity();
      input?.focus();
      return;
    }
    input?.setCustomValidity('');
    const fields: Record<string, unknown> = { Id: attendance.id, [ATT_MINUTES_FIELD.fieldApiName]: minutes };
    // The platform log is the evidence of a virtual attendee without another sign-in method.
    const virtualLog = attendance.mode === 'Virtual' && (!attendance.method || attendance.method === 'Virtual Log');
    if (virtualLog) fields[ATT_METHOD_FIELD.fieldApiName] = 'Virtual Log';
    this.savingAttendance = true;
    try {
      await updateRecord({ fields });
      this.patch(attendance.id, { minutes, ...(virtualLog ? { method: 'Virtual Log' } : {}) });
      const message = formatLabel(minutesSavedLabel, minutes, entry.name);
      this.announcement = message;
      this.dispatchEvent(successToast(updatedTitleLabel, message));
      await this.refresh();
    } catch (error) {
      this.dispatchEvent(errorToast(updateFailedLabel, error as ErrorLike));
    } finally {
      this.savingAttendance = false;
    }
  }

  // ------------------------------------------------------------------ walk-ins

  handleToggleWalkIn() {
    if (this.showWalkIn) this.closeWalkIn();
    else this.openWalkIn({});
  }

  private openWalkIn(prefill: Partial<WalkInDraft>) {
    this.walkIn = { ...EMPTY_WALK_IN, ...prefill };
    this.showWalkIn = true;
    this.focusAfterRender = '[data-id="walk-in-first-name"]';
  }

  private closeWalkIn() {
    this.showWalkIn = false;
    this.walkIn = { ...EMPTY_WALK_IN };
    this.focusAfterRender = '[data-id="walk-in-toggle"]';
  }

  handleWalkInCancel() {
    this.closeWalkIn();
  }

  handleWalkInField(event: CustomEvent<{ value: string }>) {
    const target = event.target as Validatable;
    const field = target.dataset.field as keyof WalkInDraft;
    this.walkIn = { ...this.walkIn, [field]: event.detail?.value ?? '' };
    target.setCustomValidity?.('');
  }

  private reportWalkInProblems(draft: WalkInDraft): boolean {
    const problems = walkInProblems(draft);
    const inputs = [...(this.template?.querySelectorAll<Validatable>('.walk-in [data-field]') ?? [])];
    for (const input of inputs) {
      const field = input.dataset.field as string;
      const problem = problems.find((p) => p === field);
      input.setCustomValidity(problem ? (problem === 'email' ? emailInvalidLabel : requiredLabel) : '');
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
        reject(new Error(lookupTimeoutLabel));
      }, LOOKUP_TIMEOUT_MS);
      this.pendingLookup = { key, resolve, reject, timer };
      this.lookupVariables = variables;
    }).then((contacts) => pickExistingContact(contacts, registration, email));
  }

  async handleWalkInSubmit(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.walkInSaving || !this.recordId) return;
    const draft = this.walkIn;
    if (!this.reportWalkInProblems(draft)) return;
    this.walkInSaving = true;
    const signature = JSON.stringify(draft);
    try {
      const existing = await this.findExisting(draft);
      let doctorId: string;
      let doctorNode: GraphqlNode;
      let message: string;
      let invitationId: string | null = null;
      if (existing) {
        const entry = this.roster.find((e) => e.doctorId === existing.Id);
        const name = entry?.name ?? existing.Name ?? `${draft.firstName} ${draft.lastName}`;
        if (entry?.attendance) {
          this.showDuplicate(name);
          this.finishWalkIn(entry.key);
          return;
        }
        doctorId = existing.Id;
        doctorNode = this.contactNode(existing.Id, draft, existing);
        invitationId = entry?.invitationId ?? null;
        message = formatLabel(invitationId ? walkInInvitedLabel : walkInExistingLabel, name);
      } else {
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
        doctorNode = this.createdContact!.node;
        doctorId = String(doctorNode.Id);
        message = formatLabel(walkInNewLabel, `${draft.firstName.trim()} ${draft.lastName.trim()}`);
      }
      const attendance = await this.recordAttendance(doctorId, invitationId, doctorNode);
      this.createdContact = undefined;
      this.lookupCache.clear();
      this.announcement = message;
      this.dispatchEvent(successToast(walkInSuccessTitleLabel, message));
      this.finishWalkIn(doctorId);
      this.afterCheckIn(doctorId, attendance, 'walk-in');
      await this.refresh();
    } catch (error) {
      if (isDuplicateError(error)) {
        this.showDuplicate(`${draft.firstName} ${draft.lastName}`.trim());
        await this.refresh();
      } else {
        const errors = Array.isArray(error) ? (error as ErrorLike[]) : (error as ErrorLike);
        this.dispatchEvent(errorToast(walkInFailedLabel, errors));
      }
    } finally {
      this.walkInSaving = false;
    }
  }

  /** Shows the checked-in doctor in the list (search cleared) and closes the form. */
  private finishWalkIn(doctorKey: string) {
    this.showWalkIn = false;
    this.walkIn = { ...EMPTY_WALK_IN };
    this.query = '';
    this.focusAfterRender = `[data-nav="${doctorKey}"]`;
  }

  /** What the list shows for a walk-in until the query returns it: the Contact found, else the form. */
  private contactNode(id: string, draft: WalkInDraft, existing?: ContactMatch): GraphqlNode {
    const label = this.specialtyValues.find((v) => v.value === draft.specialty)?.label ?? draft.specialty;
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
