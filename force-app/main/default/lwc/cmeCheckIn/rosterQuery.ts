import { gql } from 'lightning/graphql';
import { ATTENDANCE_EVIDENCE, DOCTOR_CARD, INVITATION_FIELDS, fragments } from 'c/cmeQueries';

/**
 * The event's invitations (with the doctor) and its attendance, walk-ins included.
 * Standard Contact fields a profile may hide (MailingCity in the DoctorCard fragment) are `@optional`:
 * the server leaves out a field the user cannot read instead of failing the whole query (API v65.0+;
 * Salesforce's forcedotcom/afv-library skill using-ui-bundle-salesforce-data). A missing city reads as none.
 */
export const ROSTER_QUERY = gql`
  query CmeCheckInRoster($eventId: ID) {
    uiapi {
      query {
        CME_Invitation__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...InvitationFields
              Doctor__r {
                ...DoctorCard
              }
            }
          }
          totalCount
        }
        CME_Attendance__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              ...AttendanceEvidence
              Doctor__r {
                ...DoctorCard
              }
            }
          }
          totalCount
        }
      }
    }
  }
  ${fragments(INVITATION_FIELDS, ATTENDANCE_EVIDENCE, DOCTOR_CARD)}
`;
