// The GraphQL documents the walk-in form reads (its wire is in cmeWalkInForm.ts).
import { gql } from 'lightning/graphql';
import { fragments } from 'c/cmeQueries';

// A walk-in is matched to an existing Contact by registration number and/or email. Three documents,
// so a blank value is never sent as `eq: null` (which would match every Contact without one). Email,
// a standard field a profile may hide, is @optional: the server leaves it out instead of failing.
// Each document spreads WalkInMatch; fragments() adds the DoctorName fragment it spreads.
const WALK_IN_MATCH = `
  fragment WalkInMatch on Contact {
    ...DoctorName
    CME_Registration_Number__c {
      value
    }
    Email @optional {
      value
    }
  }
`;

export const CONTACT_BY_REGISTRATION = gql`
  query CmeWalkInByRegistration($registration: String) {
    uiapi {
      query {
        Contact(where: { CME_Registration_Number__c: { eq: $registration } }, first: 5) {
          edges {
            node {
              ...WalkInMatch
            }
          }
        }
      }
    }
  }
  ${fragments(WALK_IN_MATCH)}
`;

export const CONTACT_BY_EMAIL = gql`
  query CmeWalkInByEmail($email: String) {
    uiapi {
      query {
        Contact(where: { Email: { eq: $email } }, first: 5) {
          edges {
            node {
              ...WalkInMatch
            }
          }
        }
      }
    }
  }
  ${fragments(WALK_IN_MATCH)}
`;

export const CONTACT_BY_REGISTRATION_OR_EMAIL = gql`
  query CmeWalkInByRegistrationOrEmail($registration: String, $email: String) {
    uiapi {
      query {
        Contact(
          where: { or: [{ CME_Registration_Number__c: { eq: $registration } }, { Email: { eq: $email } }] }
          first: 5
        ) {
          edges {
            node {
              ...WalkInMatch
            }
          }
        }
      }
    }
  }
  ${fragments(WALK_IN_MATCH)}
`;
