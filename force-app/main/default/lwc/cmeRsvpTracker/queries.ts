// The GraphQL document the RSVP tracker reads (its wire is in cmeRsvpTracker.ts).
import { gql } from 'lightning/graphql';
import { DOCTOR_NAME, INVITATION_FIELDS, fragments } from 'c/cmeQueries';

/** One page of the event's invitations, oldest first, paged by cursor up to `upperBound`. */
export const INVITATIONS_QUERY = gql`
  query RsvpTrackerInvitations($eventId: ID, $cursor: String, $pageSize: Int, $upperBound: Int) {
    uiapi {
      query {
        CME_Invitation__c(
          where: { Event__c: { eq: $eventId } }
          orderBy: { Invited_On__c: { order: ASC, nulls: LAST } }
          first: $pageSize
          after: $cursor
          upperBound: $upperBound
        ) {
          edges {
            node {
              ...InvitationFields
              Doctor__r {
                ...DoctorName
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
  ${fragments(INVITATION_FIELDS, DOCTOR_NAME)}
`;
