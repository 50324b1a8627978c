// SOQL errors as Salesforce reports them: the error code and the message the REST API answers.

export type SoqlErrorCode =
  'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NUMBER_OUTSIDE_VALID_RANGE';

/** A query Salesforce would refuse; `errorCode` and `message` are what the REST API answers. */
export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;

  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message);
    this.name = 'SoqlError';
    this.errorCode = errorCode;
  }
}
export const malformed = (message: string) => new SoqlError('MALFORMED_QUERY', message);
export const unsupported = (construct: string) => malformed(`${construct} is not supported by the local org`);

export const noSuchColumn = (name: string, entity: string) =>
  new SoqlError(
    'INVALID_FIELD',
    `No such column '${name}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const unknownObject = (name: string) =>
  new SoqlError(
    'INVALID_TYPE',
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const unknownRelationship = (name: string) =>
  new SoqlError(
    'INVALID_FIELD',
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const unknownChildRelationship = (name: string) =>
  new SoqlError(
    'INVALID_TYPE',
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

export const invalidOperator = (message: string) => new SoqlError('INVALID_QUERY_FILTER_OPERATOR', message);
