// Errors in Salesforce's REST shape: [{ message, errorCode, fields }] with the HTTP status it uses.

export class SfError extends Error {
  readonly errorCode: string;
  readonly fields: string[];
  readonly status: number;

  constructor(errorCode: string, message: string, fields: string[] = [], status = 400) {
    super(message);
    this.errorCode = errorCode;
    this.fields = fields;
    this.status = status;
  }

  toJSON(): { message: string; errorCode: string; fields: string[] } {
    return { message: this.message, errorCode: this.errorCode, fields: this.fields };
  }
}

/** Several errors of one record (validation can fail more than one rule at once). */
export class SfErrors extends Error {
  readonly errors: SfError[];

  constructor(errors: SfError[]) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
    this.errors = errors;
  }

  get status(): number {
    return this.errors[0]?.status ?? 400;
  }
}

export function asSfErrors(error: unknown): SfError[] {
  if (error instanceof SfErrors) return error.errors;
  if (error instanceof SfError) return [error];
  return [new SfError('UNKNOWN_EXCEPTION', error instanceof Error ? error.message : String(error), [], 500)];
}
