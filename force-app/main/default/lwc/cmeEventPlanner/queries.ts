// The GraphQL documents the event planner reads (its wires are in cmeEventPlanner.ts).
import { gql } from 'lightning/graphql';
import { EVENT_SUMMARY, RULE_PACK_FIELDS, fragments } from 'c/cmeQueries';

/** The events the filters select (the where is built by plannerModel's buildEventWhere), by start. */
export const EVENTS_QUERY = gql`
  query UpcomingEvents($where: CME_Event__c_Filter, $first: Int) {
    uiapi {
      query {
        CME_Event__c(where: $where, orderBy: { Start__c: { order: ASC } }, first: $first) {
          edges {
            node {
              ...EventSummary
              Time_Zone__c {
                value
              }
              City__c {
                value
              }
              Country__c {
                value
              }
              Therapy_Area__c {
                value
                displayValue
              }
              OwnerId {
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
  ${fragments(EVENT_SUMMARY)}
`;

/** The active rule packs, by name (the new-event form's choice of pack). */
export const RULE_PACKS_QUERY = gql`
  query ActiveRulePacks {
    uiapi {
      query {
        CME_Rule_Pack__c(where: { Active__c: { eq: true } }, orderBy: { Name: { order: ASC } }, first: 200) {
          edges {
            node {
              ...RulePackFields
            }
          }
        }
      }
    }
  }
  ${fragments(RULE_PACK_FIELDS)}
`;
