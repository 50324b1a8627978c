// The GraphQL queries the doctors' insights read (their wires are in cmeDoctorInsights.ts).
import { gql } from 'lightning/graphql';
import { ATTENDEE, EVENT_ATTENDEES, EVENT_SUMMARY, EXPENSE_VALUE, INVITATION_FIELDS, fragments } from 'c/cmeQueries';

// The shown doctors' invitations, attendance and direct expenses in the years the rules look at,
// each with its event (Event__r).
export const HISTORY_QUERY = gql`
  query InviteDoctorsHistory($ids: [ID], $from: DateTime, $to: DateTime, $fromDay: Date, $toDay: Date) {
    uiapi {
      query {
        CME_Invitation__c(
          where: { Doctor__c: { in: $ids }, Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
          first: 2000
        ) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              ...InvitationFields
              Event__r {
                ...EventSummary
              }
            }
          }
        }
        CME_Attendance__c(
          where: { Doctor__c: { in: $ids }, Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
          first: 2000
        ) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              ...Attendee
              Invitation__c {
                value
              }
              Event__r {
                ...EventSummary
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
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              ...ExpenseValue
              Event__r {
                ...EventSummary
              }
            }
          }
        }
      }
    }
  }
  ${fragments(INVITATION_FIELDS, ATTENDEE, EXPENSE_VALUE, EVENT_SUMMARY)}
`;

// The events those doctors attended, with everyone's attendance and the shared (no doctor) lines:
// a shared line is split over all who attended, so the split needs the whole list.
export const SHARED_COSTS_QUERY = gql`
  query InviteDoctorsSharedCosts($eventIds: [ID]) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { in: $eventIds } }, first: 2000) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              ...EventAttendees
              Expenses__r(where: { Doctor__c: { eq: null }, Stage__c: { in: ["Actual", "Committed"] } }, first: 2000) {
                pageInfo {
                  hasNextPage
                }
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
