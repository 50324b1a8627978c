// The GraphQL documents the compliance pre-flight reads (its wires are in cmeCompliancePreflight.ts).
import { gql } from 'lightning/graphql';
import {
  ATTENDANCE_EVIDENCE,
  ATTENDEE,
  DOCTOR_NAME,
  EVENT_ATTENDEES,
  EVENT_SUMMARY,
  EXPENSE_LINE,
  EXPENSE_VALUE,
  INVITATION_FIELDS,
  RULE_FIELDS,
  RULE_PACK_FIELDS,
  fragments,
} from 'c/cmeQueries';

/** The event, everything recorded against it, and the active rule packs with their rules. */
export const EVENT_QUERY = gql`
  query PreflightEvent($eventId: ID) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { eq: $eventId } }, first: 1) {
          edges {
            node {
              ...EventSummary
              Time_Zone__c {
                value
              }
              Venue__c {
                value
              }
              City__c {
                value
              }
              State__c {
                value
              }
              Country__c {
                value
              }
              Therapy_Area__c {
                value
              }
              Educational_Need__c {
                value
              }
              Accredited__c {
                value
              }
              Accreditation_Provider__c {
                value
              }
              Capacity__c {
                value
              }
              Budget__c {
                value
              }
              Rule_Pack__c {
                value
              }
              Rule_Pack__r {
                Name {
                  value
                }
              }
              Submitted_On__c {
                value
              }
              Approved_On__c {
                value
              }
            }
          }
        }
        CME_Invitation__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...InvitationFields
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        CME_Attendance__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...AttendanceEvidence
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        CME_Expense__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...ExpenseValue
              Receipt_Reference__c {
                value
              }
            }
          }
          pageInfo {
            hasNextPage
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
  ${fragments(EVENT_SUMMARY, INVITATION_FIELDS, ATTENDANCE_EVIDENCE, EXPENSE_VALUE, RULE_PACK_FIELDS, RULE_FIELDS)}
`;

/** The event's HCPs, and what they did at other events in the cap year (and REPEAT_TOPIC's look-back). */
export const HISTORY_QUERY = gql`
  query PreflightHistory($eventId: ID, $doctorIds: [ID], $from: DateTime, $to: DateTime) {
    uiapi {
      query {
        Contact(where: { Id: { in: $doctorIds } }, first: 2000) {
          edges {
            node {
              ...DoctorName
              CME_Disclosure_Consent__c {
                value
              }
            }
          }
        }
        CME_Invitation__c(
          where: {
            and: [
              { Doctor__c: { in: $doctorIds } }
              { Event__c: { ne: $eventId } }
              { Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
            ]
          }
          first: 2000
        ) {
          edges {
            node {
              ...InvitationFields
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        CME_Attendance__c(
          where: {
            and: [
              { Doctor__c: { in: $doctorIds } }
              { Event__c: { ne: $eventId } }
              { Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
            ]
          }
          first: 2000
        ) {
          edges {
            node {
              ...Attendee
            }
          }
          pageInfo {
            hasNextPage
          }
        }
        CME_Expense__c(
          where: {
            and: [
              { Doctor__c: { in: $doctorIds } }
              { Event__c: { ne: $eventId } }
              { Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
            ]
          }
          first: 2000
        ) {
          edges {
            node {
              ...ExpenseLine
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
  ${fragments(DOCTOR_NAME, INVITATION_FIELDS, ATTENDEE, EXPENSE_LINE)}
`;

/** The other events with all their attendance (for per-capita shares) and their shared expenses. */
export const HISTORY_EVENTS_QUERY = gql`
  query PreflightHistoryEvents($historyEventIds: [ID]) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { in: $historyEventIds } }, first: 2000) {
          edges {
            node {
              ...EventAttendees
              Expenses__r(where: { Doctor__c: { eq: null } }, first: 2000) {
                edges {
                  node {
                    ...ExpenseLine
                  }
                }
              }
            }
          }
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
  ${fragments(EVENT_ATTENDEES, EXPENSE_LINE)}
`;
