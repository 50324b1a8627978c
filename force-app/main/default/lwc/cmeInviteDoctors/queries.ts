// The GraphQL queries and record fields the invite screen reads (its wires are in cmeInviteDoctors.ts).
import { gql } from 'lightning/graphql';
import { DOCTOR_NAME, INVITATION_FIELDS, RULE_FIELDS, RULE_PACK_FIELDS, fragments } from 'c/cmeQueries';
import EVENT_NAME_FIELD from '@salesforce/schema/CME_Event__c.Name';
import EVENT_STATUS_FIELD from '@salesforce/schema/CME_Event__c.Status__c';
import EVENT_START_FIELD from '@salesforce/schema/CME_Event__c.Start__c';
import EVENT_END_FIELD from '@salesforce/schema/CME_Event__c.End__c';
import EVENT_TOPIC_FIELD from '@salesforce/schema/CME_Event__c.Topic__c';
import EVENT_FORMAT_FIELD from '@salesforce/schema/CME_Event__c.Format__c';
import EVENT_TYPE_FIELD from '@salesforce/schema/CME_Event__c.Event_Type__c';
import EVENT_RULE_PACK_FIELD from '@salesforce/schema/CME_Event__c.Rule_Pack__c';
import EVENT_APPROVED_ON_FIELD from '@salesforce/schema/CME_Event__c.Approved_On__c';
import EVENT_COUNTRY_FIELD from '@salesforce/schema/CME_Event__c.Country__c';

export const EVENT_FIELDS = [
  EVENT_NAME_FIELD,
  EVENT_STATUS_FIELD,
  EVENT_START_FIELD,
  EVENT_END_FIELD,
  EVENT_TOPIC_FIELD,
  EVENT_FORMAT_FIELD,
  EVENT_TYPE_FIELD,
  EVENT_RULE_PACK_FIELD,
  EVENT_APPROVED_ON_FIELD,
  EVENT_COUNTRY_FIELD,
];

// One page of the HCPs matching the search (the where is built by doctorWhere), with how many match
// in all; "Show more" follows the cursor.
export const DOCTORS_QUERY = gql`
  query InviteDoctorsSearch($where: Contact_Filter, $cursor: String, $pageSize: Int) {
    uiapi {
      query {
        Contact(
          where: $where
          orderBy: { LastName: { order: ASC }, FirstName: { order: ASC } }
          first: $pageSize
          after: $cursor
        ) {
          edges {
            node {
              ...DoctorName
              CME_Specialty__c {
                value
                displayValue
              }
              CME_Territory__c {
                value
              }
              CME_Disclosure_Consent__c {
                value
              }
              MailingCity {
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
  ${fragments(DOCTOR_NAME)}
`;

// This event's invitations of the doctors on screen: who is invited already. At most one per doctor
// (Invitation_Key__c is unique) and at most MAX_LOADED_ROWS doctors, so one page holds them all.
export const EVENT_INVITATIONS_QUERY = gql`
  query InviteDoctorsExisting($eventId: ID, $doctorIds: [ID]) {
    uiapi {
      query {
        CME_Invitation__c(where: { Event__c: { eq: $eventId }, Doctor__c: { in: $doctorIds } }, first: 2000) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              ...InvitationFields
            }
          }
          totalCount
        }
      }
    }
  }
  ${fragments(INVITATION_FIELDS)}
`;

export const RULE_PACKS_QUERY = gql`
  query InviteDoctorsRulePacks($active: Boolean) {
    uiapi {
      query {
        CME_Rule_Pack__c(where: { Active__c: { eq: $active } }, first: 200) {
          edges {
            node {
              ...RulePackFields
            }
          }
        }
        CME_Rule__c(where: { Rule_Pack__r: { Active__c: { eq: $active } } }, first: 2000) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              ...RuleFields
            }
          }
        }
      }
    }
  }
  ${fragments(RULE_PACK_FIELDS, RULE_FIELDS)}
`;
