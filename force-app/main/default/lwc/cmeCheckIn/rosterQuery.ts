import { gql } from 'lightning/graphql';

/**
 * The event's invitations (with the doctor) and its attendance, walk-ins included.
 * Standard Contact fields a profile may hide (MailingCity, Email) are `@optional`: the server leaves
 * out a field the user cannot read instead of failing the whole query (API v65.0+; Salesforce's
 * forcedotcom/afv-library skill using-ui-bundle-salesforce-data). A missing city or email reads as none.
 */
export const ROSTER_QUERY = gql`
  query CmeCheckInRoster($eventId: ID) {
    uiapi {
      query {
        CME_Invitation__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              Id
              Doctor__c {
                value
              }
              Status__c {
                value
                displayValue
              }
              Role__c {
                value
                displayValue
              }
              Doctor__r {
                Id
                Name {
                  value
                }
                FirstName {
                  value
                }
                LastName {
                  value
                }
                CME_Primary_Type__c {
                  value
                }
                CME_Specialty__c {
                  value
                  displayValue
                }
                MailingCity @optional {
                  value
                }
                CME_Registration_Number__c {
                  value
                }
              }
            }
          }
          totalCount
        }
        CME_Attendance__c(where: { Event__c: { eq: $eventId } }, first: 2000) {
          edges {
            node {
              Id
              Doctor__c {
                value
              }
              Invitation__c {
                value
              }
              Walk_In__c {
                value
              }
              Mode__c {
                value
                displayValue
              }
              Checked_In_At__c {
                value
              }
              Sign_In_Method__c {
                value
                displayValue
              }
              Signature_SHA256__c {
                value
              }
              Signed_Name__c {
                value
              }
              Signed_At__c {
                value
              }
              Meal_Opt_Out__c {
                value
              }
              Minutes_Attended__c {
                value
              }
              Doctor__r {
                Id
                Name {
                  value
                }
                FirstName {
                  value
                }
                LastName {
                  value
                }
                CME_Primary_Type__c {
                  value
                }
                CME_Specialty__c {
                  value
                  displayValue
                }
                MailingCity @optional {
                  value
                }
                CME_Registration_Number__c {
                  value
                }
              }
            }
          }
          totalCount
        }
      }
    }
  }
`;
