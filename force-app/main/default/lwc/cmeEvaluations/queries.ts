// The GraphQL document the Evaluations screen reads (its wire is in cmeEvaluations.ts).
import { gql } from 'lightning/graphql';
import { ATTENDANCE_EVALUATION, DOCTOR_NAME, EVENT_SUMMARY, fragments } from 'c/cmeQueries';

/**
 * The event (when it starts, its status) and one page of its attendances with their evidence and
 * evaluation, paged by cursor up to `upperBound` (a webinar can have thousands of attendees).
 */
export const EVALUATIONS_QUERY = gql`
  query EventEvaluations($eventId: ID, $cursor: String, $pageSize: Int, $upperBound: Int) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { eq: $eventId } }, first: 1) {
          edges {
            node {
              ...EventSummary
              Time_Zone__c {
                value
              }
            }
          }
        }
        CME_Attendance__c(
          where: { Event__c: { eq: $eventId } }
          orderBy: { Doctor__r: { Name: { order: ASC } } }
          first: $pageSize
          after: $cursor
          upperBound: $upperBound
        ) {
          edges {
            node {
              Id
              Doctor__c {
                value
              }
              Doctor__r {
                ...DoctorName
              }
              Checked_In_At__c {
                value
              }
              Minutes_Attended__c {
                value
              }
              ...AttendanceEvaluation
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
  ${fragments(EVENT_SUMMARY, DOCTOR_NAME, ATTENDANCE_EVALUATION)}
`;
