/**
 * Input record shapes of the domain core. They mirror the package's objects with their API names, so
 * a record from the UI API, GraphQL, REST or Bulk API (after the caller flattens it) can be passed as
 * it is. Every field except Id is optional and nullable: queries select what they need and the
 * platform returns null for blank fields.
 */

/** 'YYYY-MM-DD', as the API returns Date fields. */
export type IsoDate = string;
/** An ISO 8601 datetime as the API returns it, e.g. '2027-03-14T04:00:00.000+0000'. */
export type IsoDateTime = string;

export type EventType = 'Conference' | 'Workshop' | 'Webinar' | 'Roundtable' | 'Hospital Meeting' | 'Specialty Session';
export type EventFormat = 'In-Person' | 'Virtual' | 'Hybrid';
export type EventStatus = 'Draft' | 'Pending Approval' | 'Approved' | 'Rejected' | 'Completed' | 'Cancelled' | 'Closed';

/** CME_Event__c */
export interface CmeEvent {
  Id: string;
  Name?: string | null;
  Event_Type__c?: EventType | null;
  Format__c?: EventFormat | null;
  Status__c?: EventStatus | null;
  Start__c?: IsoDateTime | null;
  End__c?: IsoDateTime | null;
  Time_Zone__c?: string | null;
  Venue__c?: string | null;
  City__c?: string | null;
  State__c?: string | null;
  /** ISO 3166-1 alpha-2. */
  Country__c?: string | null;
  Virtual_Url__c?: string | null;
  Therapy_Area__c?: string | null;
  Topic__c?: string | null;
  Product_Focus__c?: string | null;
  Educational_Need__c?: string | null;
  Accredited__c?: boolean | null;
  Accreditation_Provider__c?: string | null;
  Capacity__c?: number | null;
  Budget__c?: number | null;
  Rule_Pack__c?: string | null;
  Submitted_On__c?: IsoDateTime | null;
  Approved_On__c?: IsoDateTime | null;
}

export type InvitationStatus = 'Invited' | 'Accepted' | 'Declined' | 'Tentative' | 'Waitlisted' | 'Cancelled';
export type InvitationRole = 'Attendee' | 'Speaker' | 'Moderator' | 'Panelist';

/** CME_Invitation__c */
export interface Invitation {
  Id: string;
  Event__c: string;
  Doctor__c: string;
  Status__c?: InvitationStatus | null;
  Role__c?: InvitationRole | null;
  Invited_On__c?: IsoDateTime | null;
  Responded_On__c?: IsoDateTime | null;
  Channel__c?: string | null;
  Speaking_Hours__c?: number | null;
}

export type AttendanceMode = 'In-Person' | 'Virtual';
export type SignInMethod = 'E-Signature' | 'Paper Sheet' | 'Virtual Log' | 'Self Check-In';

/** CME_Attendance__c */
export interface Attendance {
  Id: string;
  Event__c: string;
  /** Blank for walk-ins. */
  Invitation__c?: string | null;
  Doctor__c?: string | null;
  Mode__c?: AttendanceMode | null;
  Checked_In_At__c?: IsoDateTime | null;
  Checked_Out_At__c?: IsoDateTime | null;
  Minutes_Attended__c?: number | null;
  Sign_In_Method__c?: SignInMethod | null;
  Signature_SHA256__c?: string | null;
  Signed_At__c?: IsoDateTime | null;
  Signed_Name__c?: string | null;
  Meal_Opt_Out__c?: boolean | null;
  Walk_In__c?: boolean | null;
}

/** CME_Expense__c.Category__c's values, in the picklist's order. */
export const EXPENSE_CATEGORIES = [
  'Venue',
  'Food and Beverage',
  'Travel and Lodging',
  'Speaker Honorarium',
  'Registration Fee',
  'Audio Visual',
  'Printed Material',
  'Accreditation Fee',
  'Other',
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
export type ExpenseStage = 'Estimated' | 'Committed' | 'Actual';
export type PaymentForm = 'Cash or cash equivalent' | 'In-kind items and services';

/** CME_Expense__c */
export interface Expense {
  Id: string;
  Event__c: string;
  Category__c?: ExpenseCategory | null;
  Amount__c?: number | null;
  Incurred_On__c?: IsoDate | null;
  /** Set: a direct transfer of value to this HCP. Blank: a shared cost. */
  Doctor__c?: string | null;
  Stage__c?: ExpenseStage | null;
  Payment_Form__c?: PaymentForm | null;
  Vendor__c?: string | null;
  Receipt_Reference__c?: string | null;
  Description__c?: string | null;
}

export type PrimaryType =
  | 'Medical Doctor'
  | 'Doctor of Osteopathy'
  | 'Dentist'
  | 'Podiatrist'
  | 'Optometrist'
  | 'Chiropractor'
  | 'Physician Assistant'
  | 'Nurse Practitioner'
  | 'Pharmacist'
  | 'Nurse';

/** Contact, with the package's CME_ fields (the HCP). */
export interface Doctor {
  Id: string;
  Name?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  CME_Specialty__c?: string | null;
  CME_Primary_Type__c?: PrimaryType | null;
  CME_Registration_Number__c?: string | null;
  CME_Registration_Council__c?: string | null;
  CME_NPI__c?: string | null;
  CME_License_State__c?: string | null;
  CME_Territory__c?: string | null;
  CME_Disclosure_Consent__c?: boolean | null;
  CME_Consent_Date__c?: IsoDate | null;
}

/** Everything one evaluation looks at. Events outside the scope being judged still count as history. */
export interface ComplianceInput {
  events: readonly CmeEvent[];
  invitations?: readonly Invitation[];
  attendance?: readonly Attendance[];
  expenses?: readonly Expense[];
  doctors?: readonly Doctor[];
}

/** The rule ids of compliance.md's table, in its order (findings are sorted by this order). */
export const RULE_IDS = [
  'APPROVAL_BEFORE_INVITE',
  'APPROVAL_LEAD_TIME',
  'EDUCATIONAL_NEED',
  'FOREIGN_VENUE',
  'HCP_ANNUAL_CAP',
  'MEAL_CAP',
  'HONORARIUM_FMV',
  'SPEAKER_ONLY_TRAVEL',
  'REPEAT_TOPIC',
  'MAX_EVENTS_PER_HCP',
  'ACCREDITED_INDEPENDENCE',
  'ATTENDANCE_EVIDENCE',
  'CONSENT_FOR_DISCLOSURE',
  'BUDGET_OVERRUN',
  'CAPACITY',
  'CLOSEOUT_DOCUMENTS',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type FindingSeverity = 'block' | 'warn';
export type EvidenceValue = string | number | boolean | null | readonly string[] | readonly number[];

/** One thing a rule found wrong (or close to wrong), in words a compliance officer reads. */
export interface Finding {
  ruleId: RuleId;
  severity: FindingSeverity;
  eventId: string;
  doctorId?: string;
  /** The measured amount (money in the pack's currency, or a count/days for count rules). */
  amount?: number;
  /** The limit it was measured against, in the same unit. */
  limit?: number;
  message: string;
  /** The facts used: ids, dates, amounts. */
  evidence: Readonly<Record<string, EvidenceValue>>;
}
