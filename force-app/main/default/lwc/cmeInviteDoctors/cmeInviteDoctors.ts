import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/graphql';
import type { GraphqlResult } from 'lightning/graphql';
import { createRecord, getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import type { CmeEvent, ComplianceInput, InvitationRole, RulePack } from 'c/cmeDomain';
import { connectionOf, mergeComplianceInputs, recordsOf, rulePackFor, rulePacksFrom, todayIso } from 'c/cmeRecords';
import { errorToast, reduceErrors, successToast } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { formatLabel } from 'c/cmeUi';
import { appendDoctors, distinctValues, doctorEntryFrom, filterDoctors, isFiltered } from './doctorSearch';
import type { DoctorEntry, FilterResult } from './doctorSearch';
import {
  attendedEventIds,
  capWindowOf,
  computeInsights,
  historyInputFrom,
  historyRange,
  historyVariables,
  inviteBlock,
  moneyText,
  sharedInputFrom,
} from './doctorInsights';
import type { DoctorInsight, DoctorWarning } from './doctorInsights';
import { invitationFields, sendInvitations } from './inviteActions';
import type { InviteOutcome } from './inviteActions';

export * from './doctorSearch';
export * from './doctorInsights';
export * from './inviteActions';

import userId from '@salesforce/user/Id';
import INVITATION_OBJECT from '@salesforce/schema/CME_Invitation__c';
import CHANNEL_FIELD from '@salesforce/schema/CME_Invitation__c.Channel__c';
import EVENT_NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import EVENT_STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';
import EVENT_START_FIELD from '@salesforce/schema/CME_Event__c.Start__c';
import EVENT_END_FIELD from '@salesforce/schema/CME_Event__c.End__c';
import EVENT_TOPIC_FIELD from '@salesforce/schema/CME_Event__c.Topic__c';
import EVENT_FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import EVENT_TYPE_FIELD from '@salesforce/schema/CME_Event__c.Event_Type__c';
import EVENT_RULE_PACK_FIELD from '@salesforce/schema/CME_Event__c.Rule_Pack__c';
import EVENT_APPROVED_ON_FIELD from '@salesforce/schema/CME_Event__c.Approved_On__c';
import EVENT_COUNTRY_FIELD from '@salesforce/schema/CME_Event__c.Country__c';

import titleLabel from '@salesforce/label/c.CME_Invite_Title';
import loadingLabel from '@salesforce/label/c.CME_Invite_Loading';
import errorTitleLabel from '@salesforce/label/c.CME_Invite_Error_Title';
import searchLabel from '@salesforce/label/c.CME_Invite_Search_Label';
import searchPlaceholderLabel from '@salesforce/label/c.CME_Invite_Search_Placeholder';
import specialtyLabel from '@salesforce/label/c.CME_Invite_Specialty_Label';
import territoryLabel from '@salesforce/label/c.CME_Invite_Territory_Label';
import allSpecialtiesLabel from '@salesforce/label/c.CME_Invite_All_Specialties';
import allTerritoriesLabel from '@salesforce/label/c.CME_Invite_All_Territories';
import matchCountLabel from '@salesforce/label/c.CME_Invite_Match_Count';
import loadingMoreLabel from '@salesforce/label/c.CME_Invite_Loading_More';
import loadIncompleteLabel from '@salesforce/label/c.CME_Invite_Load_Incomplete';
import showMoreLabel from '@salesforce/label/c.CME_Invite_Show_More';
import noDoctorsLabel from '@salesforce/label/c.CME_Invite_No_Doctors';
import noMatchesLabel from '@salesforce/label/c.CME_Invite_No_Matches';
import clearFiltersLabel from '@salesforce/label/c.CME_Invite_Clear_Filters';
import tableCaptionLabel from '@salesforce/label/c.CME_Invite_Table_Caption';
import selectAllLabel from '@salesforce/label/c.CME_Invite_Select_All';
import selectDoctorLabel from '@salesforce/label/c.CME_Invite_Select_Doctor';
import alreadyInvitedDoctorLabel from '@salesforce/label/c.CME_Invite_Already_Invited_Doctor';
import colSelectLabel from '@salesforce/label/c.CME_Invite_Col_Select';
import colDoctorLabel from '@salesforce/label/c.CME_Invite_Col_Doctor';
import colSpecialtyLabel from '@salesforce/label/c.CME_Invite_Col_Specialty';
import colCityLabel from '@salesforce/label/c.CME_Invite_Col_City';
import colTerritoryLabel from '@salesforce/label/c.CME_Invite_Col_Territory';
import colValueLabel from '@salesforce/label/c.CME_Invite_Col_Value';
import colEventsLabel from '@salesforce/label/c.CME_Invite_Col_Events';
import colWarningsLabel from '@salesforce/label/c.CME_Invite_Col_Warnings';
import invitedBadgeLabel from '@salesforce/label/c.CME_Invite_Invited_Badge';
import tovOfCapLabel from '@salesforce/label/c.CME_Invite_Tov_Of_Cap';
import eventsCountLabel from '@salesforce/label/c.CME_Invite_Events_Count';
import checkingLabel from '@salesforce/label/c.CME_Invite_Checking';
import notAvailableLabel from '@salesforce/label/c.CME_Invite_Not_Available';
import noWarningsLabel from '@salesforce/label/c.CME_Invite_No_Warnings';
import severityBlockLabel from '@salesforce/label/c.CME_Invite_Severity_Block';
import severityWarnLabel from '@salesforce/label/c.CME_Invite_Severity_Warn';
import yearNoteLabel from '@salesforce/label/c.CME_Invite_Year_Note';
import yearNoteNoPackLabel from '@salesforce/label/c.CME_Invite_Year_Note_No_Pack';
import packErrorLabel from '@salesforce/label/c.CME_Invite_Pack_Error';
import insightsErrorLabel from '@salesforce/label/c.CME_Invite_Insights_Error';
import retryLabel from '@salesforce/label/c.CME_Invite_Retry';
import invitationsErrorLabel from '@salesforce/label/c.CME_Invite_Invitations_Error';
import blockedTitleLabel from '@salesforce/label/c.CME_Invite_Blocked_Title';
import blockedReasonLabel from '@salesforce/label/c.CME_Invite_Blocked_Reason';
import channelLabel from '@salesforce/label/c.CME_Invite_Channel_Label';
import selectedCountLabel from '@salesforce/label/c.CME_Invite_Selected_Count';
import clearSelectionLabel from '@salesforce/label/c.CME_Invite_Clear_Selection';
import inviteButtonLabel from '@salesforce/label/c.CME_Invite_Button';
import inviteButtonOneLabel from '@salesforce/label/c.CME_Invite_Button_One';
import sendingLabel from '@salesforce/label/c.CME_Invite_Sending';
import selectedBlockingLabel from '@salesforce/label/c.CME_Invite_Selected_Blocking';
import toastSuccessTitleLabel from '@salesforce/label/c.CME_Invite_Toast_Success_Title';
import toastPartialTitleLabel from '@salesforce/label/c.CME_Invite_Toast_Partial_Title';
import toastSummaryLabel from '@salesforce/label/c.CME_Invite_Toast_Summary';
import toastFailureLineLabel from '@salesforce/label/c.CME_Invite_Toast_Failure_Line';
import unknownErrorLabel from '@salesforce/label/c.CME_Invite_Unknown_Error';

/** The largest page GraphQL returns; the candidate list is loaded in pages of this size. */
export const DOCTOR_PAGE_SIZE = 2000;
/** The first page is small so the first rows show at once; the rest follow in full pages. */
export const FIRST_PAGE_SIZE = 200;
/** How long the rows on screen must stay the same before their history is fetched. */
export const INSIGHT_DELAY_MS = 250;
/** Rows rendered at a time (more with "Show more"); 25 keeps every search keystroke under 50 ms with 10,000 doctors (bench:invite). */
export const DEFAULT_ROWS = 25;

const EVENT_FIELDS = [
  EVENT_NAME_FIELD,
  EVENT_STATUS_FIELD,
  EVENT_START_FIELD,
  EVENT_END_FIELD,
  EVENT_TOPIC_FIELD,
  EVENT_FORMAT_FIELD,
  EVENT_TYPE_FIELD,
  EVENT_RULE_PACK_FIELD,
  EVENT_APPROVED_ON_FIELD,
  EVENT_COUNTRY_FIELD,
];

// Every HCP: a contact with an HCP type or a specialty, in pages chained by the cursor.
const DOCTORS_QUERY = gql`
  query InviteDoctorsCandidates($cursor: String, $pageSize: Int) {
    uiapi {
      query {
        Contact(
          where: { or: [{ CME_Primary_Type__c: { ne: null } }, { CME_Specialty__c: { ne: null } }] }
          orderBy: { LastName: { order: ASC }, FirstName: { order: ASC } }
          first: $pageSize
          after: $cursor
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
              CME_Specialty__c {
                value
                displayValue
              }
              CME_Territory__c {
                value
              }
              CME_Primary_Type__c {
                value
              }
              CME_Disclosure_Consent__c {
                value
              }
              MailingCity {
                value
              }
            }
          }
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

// This event's invitations: who is invited already.
const EVENT_INVITATIONS_QUERY = gql`
  query InviteDoctorsExisting($eventId: ID) {
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
              }
              Role__c {
                value
              }
            }
          }
          totalCount
        }
      }
    }
  }
`;

const RULE_PACKS_QUERY = gql`
  query InviteDoctorsRulePacks($active: Boolean) {
    uiapi {
      query {
        CME_Rule_Pack__c(where: { Active__c: { eq: $active } }, first: 200) {
          edges {
            node {
              Id
              Name {
                value
              }
              Code__c {
                value
              }
              Version__c {
                value
              }
              Home_Country__c {
                value
              }
              Currency_Code__c {
                value
              }
              Cap_Year_Basis__c {
                value
              }
              Fiscal_Year_Start_Month__c {
                value
              }
              Disclosure_Standard__c {
                value
              }
              Active__c {
                value
              }
            }
          }
        }
        CME_Rule__c(where: { Rule_Pack__r: { Active__c: { eq: $active } } }, first: 2000) {
          edges {
            node {
              Id
              Rule_Pack__c {
                value
              }
              Rule_Key__c {
                value
              }
              Rule_Id__c {
                value
              }
              Severity__c {
                value
              }
              Limit__c {
                value
              }
              Warn_Percent__c {
                value
              }
              Window_Days__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

// The shown doctors' invitations, attendance and direct expenses in the years the rules look at,
// each with its event (Event__r).
const HISTORY_QUERY = gql`
  query InviteDoctorsHistory($ids: [ID], $from: DateTime, $to: DateTime, $fromDay: Date, $toDay: Date) {
    uiapi {
      query {
        CME_Invitation__c(
          where: { Doctor__c: { in: $ids }, Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
          first: 2000
        ) {
          edges {
            node {
              Id
              Event__c {
                value
              }
              Doctor__c {
                value
              }
              Status__c {
                value
              }
              Role__c {
                value
              }
              Invited_On__c {
                value
              }
              Event__r {
                ...HistoryEvent
              }
            }
          }
        }
        CME_Attendance__c(
          where: { Doctor__c: { in: $ids }, Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
          first: 2000
        ) {
          edges {
            node {
              Id
              Event__c {
                value
              }
              Doctor__c {
                value
              }
              Invitation__c {
                value
              }
              Mode__c {
                value
              }
              Meal_Opt_Out__c {
                value
              }
              Event__r {
                ...HistoryEvent
              }
            }
          }
        }
        CME_Expense__c(
          where: {
            Doctor__c: { in: $ids }
            Stage__c: { in: ["Actual", "Committed"] }
            or: [
              { Incurred_On__c: { gte: { value: $fromDay }, lte: { value: $toDay } } }
              { Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
            ]
          }
          first: 2000
        ) {
          edges {
            node {
              Id
              Event__c {
                value
              }
              Doctor__c {
                value
              }
              Category__c {
                value
              }
              Amount__c {
                value
              }
              Stage__c {
                value
              }
              Incurred_On__c {
                value
              }
              Payment_Form__c {
                value
              }
              Event__r {
                ...HistoryEvent
              }
            }
          }
        }
      }
    }
  }
  fragment HistoryEvent on CME_Event__c {
    Id
    Name {
      value
    }
    Status__c {
      value
    }
    Start__c {
      value
    }
    End__c {
      value
    }
    Topic__c {
      value
    }
    Format__c {
      value
    }
    Event_Type__c {
      value
    }
  }
`;

// The events those doctors attended, with everyone's attendance and the shared (no doctor) lines:
// a shared line is split over all who attended, so the split needs the whole list.
const SHARED_COSTS_QUERY = gql`
  query InviteDoctorsSharedCosts($eventIds: [ID]) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { in: $eventIds } }, first: 2000) {
          edges {
            node {
              Id
              Name {
                value
              }
              Status__c {
                value
              }
              Start__c {
                value
              }
              End__c {
                value
              }
              Topic__c {
                value
              }
              Format__c {
                value
              }
              Event_Type__c {
                value
              }
              Attendances__r(first: 2000) {
                edges {
                  node {
                    Id
                    Event__c {
                      value
                    }
                    Doctor__c {
                      value
                    }
                    Mode__c {
                      value
                    }
                    Meal_Opt_Out__c {
                      value
                    }
                  }
                }
              }
              Expenses__r(where: { Doctor__c: { eq: null }, Stage__c: { in: ["Actual", "Committed"] } }, first: 2000) {
                edges {
                  node {
                    Id
                    Event__c {
                      value
                    }
                    Category__c {
                      value
                    }
                    Amount__c {
                      value
                    }
                    Stage__c {
                      value
                    }
                    Incurred_On__c {
                      value
                    }
                    Payment_Form__c {
                      value
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

interface InsightBatch {
  ids: string[];
  history?: ComplianceInput;
}

interface WarningView extends DoctorWarning {
  severityLabel: string;
  className: string;
}

export interface DoctorRow {
  id: string;
  name: string;
  specialty: string;
  city: string;
  territory: string;
  checkboxId: string;
  selected: boolean;
  notSelectable: boolean;
  invited: boolean;
  selectLabel: string;
  rowClass: string;
  insightReady: boolean;
  insightFailed: boolean;
  tovText: string;
  hasCap: boolean;
  barValue: number;
  barStyle: string;
  barClass: string;
  eventsText: string;
  warnings: WarningView[];
  hasWarnings: boolean;
}

type GraphqlWireResult = GraphqlResult & { errors?: unknown[] };

function eventFromRecord(record: RecordRepresentation): CmeEvent {
  const event: Record<string, unknown> = { Id: record.id };
  for (const [field, value] of Object.entries(record.fields)) event[field] = value.value;
  return event as unknown as CmeEvent;
}

const NUMBER_FORMAT = new Intl.NumberFormat();

function numberText(n: number): string {
  return NUMBER_FORMAT.format(n);
}

interface Option {
  label: string;
  value: string;
}

/** The picker's options, or the same list when nothing changed (the combobox then does not re-render). */
function optionsFor(allLabel: string, values: readonly string[], current: Option[]): Option[] {
  const next = [{ label: allLabel, value: '' }, ...values.map((v) => ({ label: v, value: v }))];
  const same = next.length === current.length && next.every((o, i) => o.value === current[i].value);
  return same ? current : next;
}

/** What a row shows of a doctor's insight, formatted once when the insight is computed. */
interface InsightView {
  tovText: string;
  hasCap: boolean;
  barValue: number;
  barStyle: string;
  barClass: string;
  eventsText: string;
  warnings: WarningView[];
}

const EMPTY_VIEW: InsightView = Object.freeze({
  tovText: '',
  hasCap: false,
  barValue: 0,
  barStyle: '',
  barClass: 'slds-progress-bar__value',
  eventsText: '',
  warnings: [],
}) as InsightView;

function insightView(insight: DoctorInsight, currency: string | undefined): InsightView {
  const total = moneyText(insight.total, currency);
  const view: InsightView = {
    tovText: total,
    hasCap: false,
    barValue: 0,
    barStyle: '',
    barClass: 'slds-progress-bar__value',
    eventsText: formatLabel(eventsCountLabel, insight.eventsThisYear),
    warnings: insight.warnings.map((w) => ({
      ...w,
      severityLabel: w.severity === 'block' ? severityBlockLabel : severityWarnLabel,
      className: w.severity === 'block' ? 'warning warning-block' : 'warning warning-warn',
    })),
  };
  if (insight.cap.cap !== null) {
    const percent = insight.cap.percent ?? 0;
    view.tovText = formatLabel(tovOfCapLabel, total, moneyText(insight.cap.cap, currency), percent);
    view.hasCap = true;
    view.barValue = Math.min(100, percent);
    view.barStyle = `width: ${view.barValue}%`;
    const level = insight.cap.level;
    view.barClass =
      level === 'over' || level === 'reached'
        ? 'slds-progress-bar__value bar-over'
        : level === 'near'
          ? 'slds-progress-bar__value bar-near'
          : 'slds-progress-bar__value';
  }
  return view;
}

export default class CmeInviteDoctors extends LightningElement {
  @api recordId?: string;
  /** Doctors rendered at a time; "Show more" adds as many again. */
  @api rowsPerPage = DEFAULT_ROWS;

  labels = {
    titleLabel,
    loadingLabel,
    errorTitleLabel,
    searchLabel,
    searchPlaceholderLabel,
    specialtyLabel,
    territoryLabel,
    noDoctorsLabel,
    noMatchesLabel,
    clearFiltersLabel,
    tableCaptionLabel,
    selectAllLabel,
    colSelectLabel,
    colDoctorLabel,
    colSpecialtyLabel,
    colCityLabel,
    colTerritoryLabel,
    colValueLabel,
    colEventsLabel,
    colWarningsLabel,
    invitedBadgeLabel,
    checkingLabel,
    notAvailableLabel,
    noWarningsLabel,
    retryLabel,
    blockedTitleLabel,
    channelLabel,
    clearSelectionLabel,
    sendingLabel,
  };

  // The event, and whether it is open for invitations
  eventRecord?: RecordRepresentation;
  block: { blocked: boolean; detail: string } = { blocked: true, detail: '' };
  eventErrors: string[] = [];

  // Rule packs
  packs: RulePack[] = [];
  packsSettled = false;
  packErrors: string[] = [];
  packVariables = { active: true };

  // This event's invitations
  invitedDoctorIds: Set<string> = new Set();
  invitedRoles: Map<string, InvitationRole> = new Map();
  invitationsErrors: string[] = [];
  invitationsResult?: GraphqlWireResult;

  // The candidate list
  doctors: DoctorEntry[] = [];
  doctorsTotal = 0;
  doctorsLoaded = false;
  doctorsComplete = false;
  doctorErrors: string[] = [];
  cursor: string | null = null;

  // Search
  searchText = '';
  specialtyOptions: Option[] = [{ label: allSpecialtiesLabel, value: '' }];
  territoryOptions: Option[] = [{ label: allTerritoriesLabel, value: '' }];
  specialty = '';
  territory = '';
  shownLimit = DEFAULT_ROWS;
  result: FilterResult = { shown: [], total: 0 };

  // Selection and sending
  selectedIds: Set<string> = new Set();
  justInvited: Set<string> = new Set();
  inviting = false;
  channel = '';
  channelOptions: Option[] = [];
  invitationRecordTypeId?: string;

  // Per-doctor insights for the rows on screen
  insights: Map<string, DoctorInsight> = new Map();
  insightViews: Map<string, InsightView> = new Map();
  failedInsightIds: Set<string> = new Set();
  insightErrors: string[] = [];
  batch: InsightBatch | null = null;
  failedBatch: { batch: InsightBatch; stage: 'history' | 'shared' } | null = null;
  historyVars?: Record<string, unknown>;
  sharedVars?: Record<string, unknown>;
  sharedInput: ComplianceInput = { events: [], attendance: [], expenses: [] };
  sharedEventIds: Set<string> = new Set();
  historyResult?: GraphqlWireResult;
  sharedResult?: GraphqlWireResult;

  insightTimer?: number;

  connectedCallback(): void {
    this.shownLimit = this.pageRows;
  }

  get pageRows(): number {
    const n = Number(this.rowsPerPage);
    return Number.isInteger(n) && n > 0 ? n : DEFAULT_ROWS;
  }

  // ------------------------------------------------------------------------------------ wires

  // Declared first so the doctors' first page is the first request out: rows show before the rest.
  get doctorVariables(): Record<string, unknown> {
    return { cursor: this.cursor, pageSize: this.cursor ? DOCTOR_PAGE_SIZE : FIRST_PAGE_SIZE };
  }

  @wire(graphql, { query: DOCTORS_QUERY, variables: '$doctorVariables' })
  wiredDoctors({ data, errors }: GraphqlWireResult) {
    if (errors) {
      this.doctorErrors = reduceErrors(errors as ErrorLike[]);
      return;
    }
    if (!data) return;
    const connection = connectionOf(data, 'Contact');
    const page = (connection?.edges ?? []).map((e) => doctorEntryFrom(e.node));
    this.doctors = appendDoctors(this.doctors, page);
    this.doctorsTotal = Math.max(connection?.totalCount ?? 0, this.doctors.length);
    this.doctorsLoaded = true;
    this.doctorErrors = [];
    const info = connection?.pageInfo;
    if (info?.hasNextPage && info.endCursor) {
      // The next page: the wire fetches again when the cursor variable changes.
      if (info.endCursor !== this.cursor) this.cursor = info.endCursor;
    } else this.doctorsComplete = true;
    this.specialtyOptions = optionsFor(
      allSpecialtiesLabel,
      distinctValues(this.doctors, 'specialty'),
      this.specialtyOptions,
    );
    this.territoryOptions = optionsFor(
      allTerritoriesLabel,
      distinctValues(this.doctors, 'territory'),
      this.territoryOptions,
    );
    this.applyFilter(false);
  }

  @wire(getRecord, { recordId: '$recordId', fields: EVENT_FIELDS })
  wiredEvent({ data, error }: { data?: RecordRepresentation; error?: unknown }) {
    if (data) {
      this.eventRecord = data;
      this.eventErrors = [];
      this.updateBlock();
      this.scheduleInsights();
    } else if (error) {
      this.eventRecord = undefined;
      this.eventErrors = reduceErrors(error as ErrorLike);
    }
  }

  @wire(graphql, { query: RULE_PACKS_QUERY, variables: '$packVariables' })
  wiredPacks({ data, errors }: GraphqlWireResult) {
    if (errors) {
      this.packs = [];
      this.packErrors = reduceErrors(errors as ErrorLike[]);
      this.packsSettled = true;
      this.updateBlock();
    } else if (data) {
      try {
        this.packs = rulePacksFrom(data);
        this.packErrors = [];
      } catch (error) {
        this.packs = [];
        this.packErrors = reduceErrors(error as ErrorLike);
      }
      this.packsSettled = true;
      this.updateBlock();
      this.scheduleInsights();
    }
  }

  get invitationVariables(): Record<string, unknown> | undefined {
    return this.recordId ? { eventId: this.recordId } : undefined;
  }

  @wire(graphql, { query: EVENT_INVITATIONS_QUERY, variables: '$invitationVariables' })
  wiredInvitations(result: GraphqlWireResult) {
    this.invitationsResult = result;
    if (result.errors) {
      this.invitationsErrors = reduceErrors(result.errors as ErrorLike[]);
    } else if (result.data) {
      const rows = recordsOf<{ Doctor__c: string; Role__c?: InvitationRole | null }>(result.data, 'CME_Invitation__c');
      this.invitedDoctorIds = new Set(rows.map((r) => r.Doctor__c).filter(Boolean));
      this.invitedRoles = new Map(rows.filter((r) => r.Doctor__c && r.Role__c).map((r) => [r.Doctor__c, r.Role__c!]));
      this.invitationsErrors = [];
    }
  }

  @wire(getObjectInfo, { objectApiName: INVITATION_OBJECT })
  wiredObjectInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (data) this.invitationRecordTypeId = data.defaultRecordTypeId;
  }

  @wire(getPicklistValues, { recordTypeId: '$invitationRecordTypeId', fieldApiName: CHANNEL_FIELD })
  wiredChannels({ data }: { data?: { defaultValue: PicklistValue | null; values: PicklistValue[] }; error?: unknown }) {
    if (!data) return;
    this.channelOptions = data.values.map((v) => ({ label: v.label, value: v.value }));
    if (!this.channel || !data.values.some((v) => v.value === this.channel))
      this.channel = data.defaultValue?.value ?? data.values[0]?.value ?? '';
  }

  get historyQuery(): unknown {
    return this.historyVars ? HISTORY_QUERY : undefined;
  }

  @wire(graphql, { query: '$historyQuery', variables: '$historyVars' })
  wiredHistory(result: GraphqlWireResult) {
    this.historyResult = result;
    const batch = this.batch;
    if (!batch || batch.history) return;
    if (result.errors) {
      this.failBatch(batch, 'history', result.errors);
      return;
    }
    if (!result.data) return;
    let history: ComplianceInput;
    try {
      history = historyInputFrom(result.data);
    } catch (error) {
      this.failBatch(batch, 'history', error);
      return;
    }
    this.batch = { ...batch, history };
    const needed = attendedEventIds(history).filter((id) => !this.sharedEventIds.has(id));
    if (needed.length === 0) this.completeBatch();
    else this.sharedVars = { eventIds: needed };
  }

  get sharedQuery(): unknown {
    return this.sharedVars ? SHARED_COSTS_QUERY : undefined;
  }

  @wire(graphql, { query: '$sharedQuery', variables: '$sharedVars' })
  wiredShared(result: GraphqlWireResult) {
    this.sharedResult = result;
    const batch = this.batch;
    if (!batch?.history) return;
    if (result.errors) {
      this.failBatch(batch, 'shared', result.errors);
      return;
    }
    if (!result.data) return;
    const shared = sharedInputFrom(result.data);
    this.sharedInput = mergeComplianceInputs(this.sharedInput, shared);
    this.sharedEventIds = new Set([...this.sharedEventIds, ...shared.events.map((e) => e.Id)]);
    this.completeBatch();
  }

  // ------------------------------------------------------------------------------------ insights

  get event(): CmeEvent | undefined {
    return this.eventRecord ? eventFromRecord(this.eventRecord) : undefined;
  }

  get pack(): RulePack | undefined {
    return rulePackFor(this.event, this.packs);
  }

  /** Starts loading history for shown doctors without insights, one batch at a time. */
  scheduleInsights(): void {
    // Only once the rows on screen have been stable for a moment: while someone types, the
    // keystrokes get the main thread and no history is fetched for rows that vanish a letter later.
    window.clearTimeout(this.insightTimer);
    this.insightTimer = undefined;
    if (this.batch || this.failedBatch || !this.eventRecord || !this.packsSettled) return;
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.insightTimer = window.setTimeout(() => this.startBatch(), INSIGHT_DELAY_MS);
  }

  startBatch(): void {
    this.insightTimer = undefined;
    /* istanbul ignore if -- the timer is cleared whenever a batch starts or fails */
    if (this.batch || this.failedBatch) return;
    const missing = this.result.shown
      .map((e) => e.id)
      .filter((id) => !this.insights.has(id) && !this.failedInsightIds.has(id));
    if (missing.length === 0) return;
    this.batch = { ids: missing };
    this.historyVars = historyVariables(missing, historyRange(this.event, this.pack, todayIso()));
  }

  disconnectedCallback(): void {
    window.clearTimeout(this.insightTimer);
    this.insightTimer = undefined;
  }

  completeBatch(): void {
    const batch = this.batch;
    const event = this.event;
    /* istanbul ignore if -- a batch only starts once the event is loaded */
    if (!batch?.history || !event) return;
    const ids = new Set(batch.ids);
    const doctors = this.doctors.filter((d) => ids.has(d.id)).map((d) => d.doctor);
    try {
      const computed = computeInsights(mergeComplianceInputs(batch.history, this.sharedInput), {
        event,
        pack: this.pack,
        today: todayIso(),
        now: new Date().toISOString(),
        doctors,
        roles: this.invitedRoles,
      });
      this.insights = new Map([...this.insights, ...computed]);
      const currency = this.pack?.currencyCode;
      this.insightViews = new Map([
        ...this.insightViews,
        ...[...computed].map(([id, insight]) => [id, insightView(insight, currency)] as [string, InsightView]),
      ]);
      this.batch = null;
    } catch (error) {
      this.failBatch(batch, 'shared', error);
      return;
    }
    this.scheduleInsights();
  }

  failBatch(batch: InsightBatch, stage: 'history' | 'shared', error: unknown): void {
    this.insightErrors = reduceErrors(error as ErrorLike | ErrorLike[]);
    this.failedInsightIds = new Set([...this.failedInsightIds, ...batch.ids]);
    this.failedBatch = { batch, stage };
    this.batch = null;
  }

  async handleRetryInsights(): Promise<void> {
    const failed = this.failedBatch;
    this.insightErrors = [];
    this.failedInsightIds = new Set();
    this.failedBatch = null;
    if (!failed) return;
    const stillShown = new Set(this.result.shown.map((e) => e.id));
    if (!failed.batch.ids.every((id) => stillShown.has(id)) && failed.stage === 'history') {
      // Different rows now: a fresh batch for what is on screen.
      this.scheduleInsights();
      return;
    }
    this.batch = failed.batch;
    try {
      // lightning/graphql refreshes through the `refresh` function on the wire's emitted result
      // (lwc-recipes graphqlRefresh; the sfdx-lwc-jest stub's emit puts it there).
      await (failed.stage === 'history' ? this.historyResult : this.sharedResult)?.refresh?.();
    } catch (error) {
      this.failBatch(failed.batch, failed.stage, error);
    }
  }

  // ------------------------------------------------------------------------------------ search

  applyFilter(resetLimit: boolean): void {
    if (resetLimit) this.shownLimit = this.pageRows;
    this.result = filterDoctors(
      this.doctors,
      { text: this.searchText, specialty: this.specialty, territory: this.territory },
      this.shownLimit,
    );
    this.scheduleInsights();
  }

  handleSearch(event: CustomEvent<{ value?: string }>): void {
    this.searchText = event.detail?.value ?? (event.target as HTMLInputElement).value ?? '';
    this.applyFilter(true);
  }

  handleSpecialty(event: CustomEvent<{ value: string }>): void {
    this.specialty = event.detail.value ?? '';
    this.applyFilter(true);
  }

  handleTerritory(event: CustomEvent<{ value: string }>): void {
    this.territory = event.detail.value ?? '';
    this.applyFilter(true);
  }

  handleClearFilters(): void {
    // The search box is not bound to searchText (binding would re-render it on every keystroke).
    const box = this.template?.querySelector('[data-id="search-input"]') as HTMLInputElement | null;
    if (box) box.value = '';
    this.searchText = '';
    this.specialty = '';
    this.territory = '';
    this.applyFilter(true);
  }

  handleShowMore(): void {
    this.shownLimit += this.pageRows;
    this.applyFilter(false);
  }

  get hasChannels(): boolean {
    return this.channelOptions.length > 0;
  }

  handleChannel(event: CustomEvent<{ value: string }>): void {
    this.channel = event.detail.value;
  }

  // ------------------------------------------------------------------------------------ states

  get isLoading(): boolean {
    return !this.doctorsLoaded && !this.hasLoadError;
  }

  get loadErrors(): string[] {
    return [...this.eventErrors, ...(this.doctorsLoaded ? [] : this.doctorErrors)];
  }

  get hasLoadError(): boolean {
    return this.loadErrors.length > 0;
  }

  get hasNoDoctors(): boolean {
    return this.doctorsLoaded && this.doctorsComplete && this.doctors.length === 0;
  }

  get hasMatches(): boolean {
    return this.result.total > 0;
  }

  get isFilterSet(): boolean {
    return isFiltered({ text: this.searchText, specialty: this.specialty, territory: this.territory });
  }

  get matchCountText(): string {
    return formatLabel(matchCountLabel, numberText(this.result.shown.length), numberText(this.result.total));
  }

  get isLoadingMore(): boolean {
    return this.doctorsLoaded && !this.doctorsComplete && this.doctorErrors.length === 0;
  }

  get loadingMoreText(): string {
    return formatLabel(loadingMoreLabel, numberText(this.doctors.length), numberText(this.doctorsTotal));
  }

  get loadIncompleteText(): string {
    return this.doctorsLoaded && this.doctorErrors.length
      ? formatLabel(
          loadIncompleteLabel,
          numberText(this.doctors.length),
          numberText(this.doctorsTotal),
          this.doctorErrors.join(' '),
        )
      : '';
  }

  get hasMore(): boolean {
    return this.result.total > this.result.shown.length;
  }

  get showMoreText(): string {
    return formatLabel(
      showMoreLabel,
      numberText(Math.min(this.pageRows, this.result.total - this.result.shown.length)),
    );
  }

  get packErrorText(): string {
    return this.packErrors.length ? formatLabel(packErrorLabel, this.packErrors.join(' ')) : '';
  }

  get insightErrorText(): string {
    return this.insightErrors.length ? formatLabel(insightsErrorLabel, this.insightErrors.join(' ')) : '';
  }

  get invitationsErrorText(): string {
    return this.invitationsErrors.length ? formatLabel(invitationsErrorLabel, this.invitationsErrors.join(' ')) : '';
  }

  get yearNote(): string {
    if (!this.packsSettled) return '';
    const pack = this.pack;
    const window = capWindowOf(todayIso(), pack);
    return pack ? formatLabel(yearNoteLabel, window.label, pack.name) : formatLabel(yearNoteNoPackLabel, window.label);
  }

  // ------------------------------------------------------------------------------------ approval

  /** Recomputed when the event or the packs change, not on every render. */
  updateBlock(): void {
    try {
      this.block = inviteBlock(this.event, this.pack, new Date().toISOString());
    } catch (error) {
      this.block = {
        blocked: this.event?.Status__c !== 'Approved',
        detail: reduceErrors(error as ErrorLike).join(' '),
      };
    }
  }

  /** Known to be blocked (the event is loaded and not open for invitations). */
  get isBlocked(): boolean {
    return !!this.eventRecord && this.block.blocked;
  }

  get blockedReason(): string {
    const status = this.eventRecord?.fields.Status__c;
    return formatLabel(blockedReasonLabel, status?.displayValue ?? String(status?.value ?? ''));
  }

  get blockedDetail(): string {
    // The pack's own words add something only when the status alone does not explain the block.
    return this.event?.Status__c === 'Approved' ? this.block.detail : '';
  }

  // ------------------------------------------------------------------------------------ rows

  isInvited(id: string): boolean {
    return this.invitedDoctorIds.has(id) || this.justInvited.has(id);
  }

  get canSelect(): boolean {
    return !!this.eventRecord && !this.isBlocked && !this.inviting;
  }

  get rows(): DoctorRow[] {
    const canSelect = this.canSelect;
    return this.result.shown.map((entry) => {
      const invited = this.isInvited(entry.id);
      const insight = this.insightViews.get(entry.id);
      const failed = !insight && this.failedInsightIds.has(entry.id);
      return {
        id: entry.id,
        name: entry.name,
        specialty: entry.specialty,
        city: entry.city,
        territory: entry.territory,
        checkboxId: `select-${entry.id}`,
        selected: !invited && this.selectedIds.has(entry.id),
        notSelectable: invited || !canSelect,
        invited,
        selectLabel: formatLabel(invited ? alreadyInvitedDoctorLabel : selectDoctorLabel, entry.name),
        rowClass: invited ? 'doctor-row is-invited' : 'doctor-row',
        insightReady: !!insight,
        insightFailed: failed,
        ...(insight ?? EMPTY_VIEW),
        hasWarnings: !!insight && insight.warnings.length > 0,
      };
    });
  }

  // ------------------------------------------------------------------------------------ selection

  /** Selected doctors who can still be invited (not invited meanwhile). */
  get inviteIds(): string[] {
    return [...this.selectedIds].filter((id) => !this.isInvited(id));
  }

  get selectableShownIds(): string[] {
    return this.result.shown.filter((e) => !this.isInvited(e.id)).map((e) => e.id);
  }

  get allShownSelected(): boolean {
    const ids = this.selectableShownIds;
    return ids.length > 0 && ids.every((id) => this.selectedIds.has(id));
  }

  get selectAllDisabled(): boolean {
    return !this.canSelect || this.selectableShownIds.length === 0;
  }

  handleRowSelect(event: Event): void {
    const input = event.target as HTMLInputElement;
    const id = input.dataset.doctorId;
    /* istanbul ignore if -- every row checkbox carries its doctor id */
    if (!id) return;
    const next = new Set(this.selectedIds);
    if (input.checked) next.add(id);
    else next.delete(id);
    this.selectedIds = next;
  }

  handleSelectAll(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    const next = new Set(this.selectedIds);
    for (const id of this.selectableShownIds) {
      if (checked) next.add(id);
      else next.delete(id);
    }
    this.selectedIds = next;
  }

  handleClearSelection(): void {
    this.selectedIds = new Set();
  }

  get selectedCount(): number {
    return this.inviteIds.length;
  }

  get hasSelection(): boolean {
    return this.selectedCount > 0;
  }

  get selectedCountText(): string {
    return formatLabel(selectedCountLabel, numberText(this.selectedCount));
  }

  get inviteButtonLabel(): string {
    const n = this.selectedCount;
    return n === 1 ? inviteButtonOneLabel : formatLabel(inviteButtonLabel, numberText(n));
  }

  /** The channel can be chosen before picking doctors, but not while sending or when inviting is blocked. */
  get channelDisabled(): boolean {
    return !this.canSelect;
  }

  get inviteDisabled(): boolean {
    return !this.canSelect || this.selectedCount === 0;
  }

  get selectedBlockingText(): string {
    const blocking = this.inviteIds.filter((id) =>
      this.insights.get(id)?.warnings.some((w) => w.severity === 'block'),
    ).length;
    return blocking ? formatLabel(selectedBlockingLabel, numberText(blocking)) : '';
  }

  // ------------------------------------------------------------------------------------ invite

  async handleInvite(): Promise<void> {
    const eventId = this.recordId;
    const ids = this.inviteIds;
    if (!eventId || ids.length === 0 || this.inviteDisabled) return;
    this.inviting = true;
    const channel = this.channel;
    const outcome = await sendInvitations(ids, (doctorId) =>
      createRecord({
        apiName: INVITATION_OBJECT.objectApiName,
        fields: invitationFields({ eventId, doctorId, userId, channel, now: new Date().toISOString() }),
      }),
    );
    this.justInvited = new Set([...this.justInvited, ...outcome.invited, ...outcome.alreadyInvited]);
    // Failed doctors stay selected so the user can try again; the rest are done.
    this.selectedIds = new Set(outcome.failed.map((f) => f.doctorId));
    this.inviting = false;
    this.dispatchEvent(this.outcomeToast(outcome));
    if (outcome.invited.length || outcome.alreadyInvited.length) {
      try {
        // The wire result's own refresh (lightning/graphql has no refreshGraphQL export).
        await this.invitationsResult?.refresh?.();
        await notifyRecordUpdateAvailable([{ recordId: eventId }]);
      } catch {
        // The invitations exist; a failed refresh only delays the counters, which refresh on reload.
      }
    }
  }

  outcomeToast(outcome: InviteOutcome): Event {
    const summary = formatLabel(
      toastSummaryLabel,
      numberText(outcome.invited.length),
      numberText(outcome.alreadyInvited.length),
      numberText(outcome.failed.length),
    );
    if (outcome.failed.length === 0) return successToast(toastSuccessTitleLabel, summary);
    const names = new Map(this.doctors.map((d) => [d.id, d.name]));
    const lines = outcome.failed.map((f) =>
      formatLabel(
        toastFailureLineLabel,
        names.get(f.doctorId) ?? f.doctorId,
        f.messages.join(' ') || unknownErrorLabel,
      ),
    );
    return errorToast(toastPartialTitleLabel, [summary, ...lines]);
  }

  get inviteStatusText(): string {
    return this.inviting ? sendingLabel : '';
  }
}
