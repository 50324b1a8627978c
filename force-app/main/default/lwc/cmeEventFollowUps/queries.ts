// The GraphQL document the event's follow-ups read (its wire is in cmeEventFollowUps.ts).
import { gql } from 'lightning/graphql';
import { ATTENDEE, DOCTOR_NAME, FOLLOW_UP_TASK, fragments } from 'c/cmeQueries';

/** The event's name, who attended, and the event's open tasks. */
export const FOLLOW_UPS_QUERY = gql`
  query EventFollowUps($eventId: ID) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { eq: $eventId } }, first: 1) {
          edges {
            node {
              Id
              Name {
                value
              }
            }
          }
        }
        CME_Attendance__c(
          where: { Event__c: { eq: $eventId } }
          orderBy: { Doctor__r: { Name: { order: ASC } } }
          first: 2000
        ) {
          edges {
            node {
              ...Attendee
              Questions_Asked__c {
                value
              }
              Doctor__r {
                ...DoctorName
                CME_Specialty__c {
                  value
                  displayValue
                }
              }
            }
          }
          totalCount
        }
        Task(
          where: { and: [{ WhatId: { eq: $eventId } }, { IsClosed: { eq: false } }] }
          orderBy: { ActivityDate: { order: ASC, nulls: LAST } }
          first: 500
        ) {
          edges {
            node {
              ...FollowUpTask
              OwnerId {
                value
              }
              Owner {
                ... on User {
                  Id
                  Name {
                    value
                  }
                }
              }
            }
          }
          totalCount
        }
      }
    }
  }
  ${fragments(ATTENDEE, DOCTOR_NAME, FOLLOW_UP_TASK)}
`;
