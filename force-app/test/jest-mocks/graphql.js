// lightning/graphql in jest: sfdx-lwc-jest's stub (graphql wire adapter with emit / emitErrors, gql)
// plus refreshGraphQL, which the stub lacks and every screen calls after a write.
/* global jest */
export * from '../../../node_modules/@salesforce/sfdx-lwc-jest/src/lightning-stubs/graphql/graphql.js';

export const refreshGraphQL = jest.fn(() => Promise.resolve());
