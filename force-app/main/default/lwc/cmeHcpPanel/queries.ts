// The GraphQL documents the HCP panel reads (its wires are in cmeHcpPanel.ts).
import { gql } from 'lightning/graphql';
import {
  ATTENDANCE_EVALUATION,
  ATTENDEE,
  DOCTOR_NAME,
  EVENT_ATTENDEES,
  EVENT_SUMMARY,
  EXPENSE_VALUE,
  INVITATION_FIELDS,
  RULE_FIELDS,
  RULE_PACK_FIELDS,
  fragments,
} from 'c/cmeQueries';

/**
 * The doctor, their invitations and attendance (with its evaluation: the comments are read only to tell
 * legacy check-in feedback from a started evaluation) with each event, their direct expenses, active packs.
 */
export const PANEL_QUERY = gql`
  query HcpPanel($contactId: ID) {
    uiapi {
      query {
        Contact(where: { Id: { eq: $contactId } }, first: 1) {
          edges {
            node {
              ...DoctorName
            }
          }
        }
        CME_Invitation__c(
          where: { Doctor__c: { eq: $contactId } }
          orderBy: { Event__r: { Start__c: { order: DESC } } }
          first: 2000
        ) {
          edges {
            node {
              ...InvitationFields
              Event__r {
                ...PanelEvent
              }
            }
          }
          totalCount
        }
        CME_Attendance__c(
          where: { Doctor__c: { eq: $contactId } }
          orderBy: { Event__r: { Start__c: { order: DESC } } }
          first: 2000
        ) {
          edges {
            node {
              ...Attendee
              Invitation__c {
                value
              }
              Minutes_Attended__c {
                value
              }
              Questions_Asked__c {
                value
              }
              ...AttendanceEvaluation
              Engagement_Score__c {
                value
              }
              Walk_In__c {
                value
              }
              Event__r {
                ...PanelEvent
              }
            }
          }
          totalCount
        }
        CME_Expense__c(where: { Doctor__c: { eq: $contactId } }, first: 2000) {
          edges {
            node {
              Id
              Event__c {
                value
              }
              Incurred_On__c {
                value
              }
              Event__r {
                Start__c {
                  value
                }
              }
            }
          }
        }
        CME_Rule_Pack__c(where: { Active__c: { eq: true } }, orderBy: { Code__c: { order: ASC } }, first: 200) {
          edges {
            node {
              ...RulePackFields
            }
          }
        }
        CME_Rule__c(where: { Rule_Pack__r: { Active__c: { eq: true } } }, first: 2000) {
          edges {
            node {
              ...RuleFields
            }
          }
        }
      }
    }
  }
  fragment PanelEvent on CME_Event__c {
    ...EventSummary
    Rule_Pack__c {
      value
    }
    Time_Zone__c {
      value
    }
  }
  ${fragments(
    DOCTOR_NAME,
    INVITATION_FIELDS,
    ATTENDEE,
    ATTENDANCE_EVALUATION,
    EVENT_SUMMARY,
    RULE_PACK_FIELDS,
    RULE_FIELDS,
  )}
`;

/** The cap year's events with everyone who attended (for per-capita shares) and their shared and direct lines. */
export const TRANSFERS_QUERY = gql`
  query HcpTransfers($contactId: ID, $eventIds: [ID]) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { in: $eventIds } }, first: 2000) {
          edges {
            node {
              ...EventAttendees
              Expenses__r(
                where: { or: [{ Doctor__c: { eq: null } }, { Doctor__c: { eq: $contactId } }] }
                first: 2000
              ) {
                edges {
                  node {
                    ...ExpenseValue
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  ${fragments(EVENT_ATTENDEES, EXPENSE_VALUE)}
`;
