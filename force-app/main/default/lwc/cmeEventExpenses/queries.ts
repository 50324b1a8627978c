// The GraphQL document the expenses screen reads (its wires are in cmeEventExpenses.ts).
import { gql } from 'lightning/graphql';
import { ATTENDEE, DOCTOR_NAME, EXPENSE_LINE, INVITATION_FIELDS, fragments } from 'c/cmeQueries';

/** The event's expense lines, and its invitees and attendees (the doctors a line can be paid to). */
export const EXPENSES_QUERY = gql`
  query CmeEventExpenses($eventId: ID) {
    uiapi {
      query {
        CME_Expense__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...ExpenseLine
              Doctor__r {
                ...DoctorName
              }
              Vendor__c {
                value
              }
              Receipt_Reference__c {
                value
              }
              Payment_Form__c {
                value
                displayValue
              }
              Description__c {
                value
              }
            }
          }
          totalCount
        }
        CME_Invitation__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...InvitationFields
              Doctor__r {
                ...DoctorName
              }
            }
          }
        }
        CME_Attendance__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...Attendee
              Doctor__r {
                ...DoctorName
              }
            }
          }
        }
      }
    }
  }
  ${fragments(EXPENSE_LINE, INVITATION_FIELDS, ATTENDEE, DOCTOR_NAME)}
`;
