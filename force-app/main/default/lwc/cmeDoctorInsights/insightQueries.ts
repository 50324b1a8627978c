// The GraphQL queries the doctors' insights read (their wires are in cmeDoctorInsights.ts).
import { gql } from 'lightning/graphql';

// The shown doctors' invitations, attendance and direct expenses in the years the rules look at,
// each with its event (Event__r).
export const HISTORY_QUERY = gql`
  query InviteDoctorsHistory($ids: [ID], $from: DateTime, $to: DateTime, $fromDay: Date, $toDay: Date) {
    uiapi {
      query {
        CME_Invitation__c(
          where: { Doctor__c: { in: $ids }, Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
          first: 2000
        ) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              Id
              Event__c {
                value
              }
              Doctor__c {
                value
              }
              Status__c {
                value
              }
              Role__c {
                value
              }
              Invited_On__c {
                value
              }
              Event__r {
                ...HistoryEvent
              }
            }
          }
        }
        CME_Attendance__c(
          where: { Doctor__c: { in: $ids }, Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
          first: 2000
        ) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              Id
              Event__c {
                value
              }
              Doctor__c {
                value
              }
              Invitation__c {
                value
              }
              Mode__c {
                value
              }
              Meal_Opt_Out__c {
                value
              }
              Event__r {
                ...HistoryEvent
              }
            }
          }
        }
        CME_Expense__c(
          where: {
            Doctor__c: { in: $ids }
            Stage__c: { in: ["Actual", "Committed"] }
            or: [
              { Incurred_On__c: { gte: { value: $fromDay }, lte: { value: $toDay } } }
              { Event__r: { Start__c: { gte: { value: $from }, lte: { value: $to } } } }
            ]
          }
          first: 2000
        ) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              Id
              Event__c {
                value
              }
              Doctor__c {
                value
              }
              Category__c {
                value
              }
              Amount__c {
                value
              }
              Stage__c {
                value
              }
              Incurred_On__c {
                value
              }
              Payment_Form__c {
                value
              }
              Event__r {
                ...HistoryEvent
              }
            }
          }
        }
      }
    }
  }
  fragment HistoryEvent on CME_Event__c {
    Id
    Name {
      value
    }
    Status__c {
      value
    }
    Start__c {
      value
    }
    End__c {
      value
    }
    Topic__c {
      value
    }
    Format__c {
      value
    }
    Event_Type__c {
      value
    }
  }
`;

// The events those doctors attended, with everyone's attendance and the shared (no doctor) lines:
// a shared line is split over all who attended, so the split needs the whole list.
export const SHARED_COSTS_QUERY = gql`
  query InviteDoctorsSharedCosts($eventIds: [ID]) {
    uiapi {
      query {
        CME_Event__c(where: { Id: { in: $eventIds } }, first: 2000) {
          pageInfo {
            hasNextPage
          }
          edges {
            node {
              Id
              Name {
                value
              }
              Status__c {
                value
              }
              Start__c {
                value
              }
              End__c {
                value
              }
              Topic__c {
                value
              }
              Format__c {
                value
              }
              Event_Type__c {
                value
              }
              Attendances__r(first: 2000) {
                pageInfo {
                  hasNextPage
                }
                edges {
                  node {
                    Id
                    Event__c {
                      value
                    }
                    Doctor__c {
                      value
                    }
                    Mode__c {
                      value
                    }
                    Meal_Opt_Out__c {
                      value
                    }
                  }
                }
              }
              Expenses__r(where: { Doctor__c: { eq: null }, Stage__c: { in: ["Actual", "Committed"] } }, first: 2000) {
                pageInfo {
                  hasNextPage
                }
                edges {
                  node {
                    Id
                    Event__c {
                      value
                    }
                    Category__c {
                      value
                    }
                    Amount__c {
                      value
                    }
                    Stage__c {
                      value
                    }
                    Incurred_On__c {
                      value
                    }
                    Payment_Form__c {
                      value
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;
