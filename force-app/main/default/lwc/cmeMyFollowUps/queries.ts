// The GraphQL documents the rep's follow-ups read (their wires are in cmeMyFollowUps.ts).
import { gql } from 'lightning/graphql';
import { FOLLOW_UP_TASK, fragments } from 'c/cmeQueries';

/**
 * The user's open Tasks that have a What. GraphQL cannot filter on What.Type, so Tasks on other
 * objects are dropped by the CME_Event__c key prefix after the answer arrives. What and Who are
 * polymorphic: their names come through inline fragments.
 */
export const TASKS_QUERY = gql`
  query MyFollowUps($ownerId: ID, $first: Int) {
    uiapi {
      query {
        Task(
          where: { and: [{ OwnerId: { eq: $ownerId } }, { IsClosed: { eq: false } }, { WhatId: { ne: null } }] }
          orderBy: { ActivityDate: { order: ASC, nulls: LAST } }
          first: $first
        ) {
          edges {
            node {
              ...FollowUpTask
              WhatId {
                value
              }
              What {
                ... on CME_Event__c {
                  Name {
                    value
                  }
                }
              }
            }
          }
          totalCount
          pageInfo {
            hasNextPage
          }
        }
      }
    }
  }
  ${fragments(FOLLOW_UP_TASK)}
`;

/** Names of the events the Task query could not name (What.Name unavailable). */
export const EVENT_NAMES_QUERY = gql`
  query FollowUpEventNames($ids: [ID]) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { in: $ids } }, first: 200) {
          edges {
            node {
              Id
              Name {
                value
              }
            }
          }
        }
      }
    }
  }
`;
