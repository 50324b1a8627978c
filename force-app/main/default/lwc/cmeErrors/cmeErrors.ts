/**
 * The one place that turns errors from LDS wire adapters, UI API writes, fetch and plain JS into
 * messages a user can read. Components show the result in an error panel or a toast.
 */
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import entityLockedLabel from '@salesforce/label/c.CME_Error_Entity_Locked';

interface ErrorEntry {
  message: string;
  errorCode?: string;
}

interface UiApiErrorBody {
  message?: string;
  errorCode?: string;
  output?: {
    errors?: ErrorEntry[];
    fieldErrors?: Record<string, ErrorEntry[]>;
  };
  pageErrors?: ErrorEntry[];
  fieldErrors?: Record<string, ErrorEntry[]>;
}

/**
 * Error codes whose server message says little to a user, with what to say instead. ENTITY_IS_LOCKED:
 * a record locked by an approval process (Salesforce locks a record submitted for approval and, for
 * master-detail children, the children with it) is written to.
 */
const READABLE_CODES: Readonly<Record<string, string>> = Object.freeze({
  ENTITY_IS_LOCKED: entityLockedLabel,
});

function readable(entry: ErrorEntry | UiApiErrorBody): string {
  return (entry.errorCode && READABLE_CODES[entry.errorCode]) || entry.message || '';
}

export type ErrorLike =
  { body?: UiApiErrorBody | UiApiErrorBody[]; message?: string; statusText?: string } | string | null | undefined;

function messagesFromBody(body: UiApiErrorBody): string[] {
  const out: string[] = [];
  for (const e of body.output?.errors ?? []) out.push(readable(e));
  for (const list of Object.values(body.output?.fieldErrors ?? {})) for (const e of list) out.push(readable(e));
  for (const e of body.pageErrors ?? []) out.push(readable(e));
  for (const list of Object.values(body.fieldErrors ?? {})) for (const e of list) out.push(readable(e));
  // The generic top-level message only when nothing more specific was given.
  if (out.length === 0 && (body.message || body.errorCode)) out.push(readable(body));
  return out;
}

function messagesFromError(error: ErrorLike): string[] {
  if (!error) return [];
  if (typeof error === 'string') return [error];
  if (Array.isArray(error.body)) return error.body.flatMap((b) => messagesFromBody(b));
  if (error.body && typeof error.body === 'object') {
    const fromBody = messagesFromBody(error.body);
    if (fromBody.length) return fromBody;
  }
  if (error.message) return [error.message];
  if (error.statusText) return [error.statusText];
  return [];
}

/** Distinct, non-empty messages from one error or a list of them, in order of appearance. */
export function reduceErrors(errors: ErrorLike | ErrorLike[]): string[] {
  const list = Array.isArray(errors) ? errors : [errors];
  const seen = new Set<string>();
  for (const error of list) for (const m of messagesFromError(error)) if (m && m.trim()) seen.add(m.trim());
  return [...seen];
}

/** One error entry as the REST and UI APIs give it. */
export interface CodedError {
  errorCode?: string;
  message?: string;
}

interface CodedErrorBody extends CodedError {
  output?: { errors?: CodedError[]; fieldErrors?: Record<string, CodedError[]> };
}

/** Every entry of an error's body, wherever the API put it: top level, record errors or field errors. */
export function codedErrorsOf(error: unknown): CodedError[] {
  const body = (error as { body?: CodedErrorBody | CodedErrorBody[] } | null | undefined)?.body;
  if (!body) return [];
  const out: CodedError[] = [];
  for (const b of Array.isArray(body) ? body : [body]) {
    if (b.errorCode) out.push(b);
    out.push(...(b.output?.errors ?? []));
    for (const list of Object.values(b.output?.fieldErrors ?? {})) out.push(...list);
  }
  return out;
}

/** Whether any entry of the error carries this code (DUPLICATE_VALUE when a unique key is taken). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return codedErrorsOf(error).some((e) => e.errorCode === code);
}

/**
 * A UI API write error's messages on the record (`output.errors`) and per field
 * (`output.fieldErrors`), for forms that show field errors under their inputs; undefined when the
 * error is not a UI API record error. Codes with a readable sentence (ENTITY_IS_LOCKED) read as it.
 */
export function recordErrorParts(
  error: unknown,
): { errors: string[]; fieldErrors: Record<string, string[]> } | undefined {
  const body = (error as { body?: UiApiErrorBody | UiApiErrorBody[] } | null | undefined)?.body;
  const output = body && !Array.isArray(body) ? body.output : undefined;
  if (!output) return undefined;
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, list] of Object.entries(output.fieldErrors ?? {})) fieldErrors[field] = list.map(readable);
  return { errors: (output.errors ?? []).map(readable), fieldErrors };
}

/** A failed write as a form shows it: messages under its fields, and the rest for its error panel. */
export interface FormServerErrors {
  /** Field API name → its messages joined, for the fields the form shows. */
  fields: Record<string, string>;
  /** Messages on fields the form does not show, then the record's; else whatever the error says. */
  messages: string[];
}

/**
 * Splits a UI API write error (createRecord, updateRecord) between the form's fields (`isFormField`)
 * and its error panel. An error that is not a record error, or carries no messages there, reads as
 * reduceErrors does.
 */
export function formServerErrors(error: unknown, isFormField: (field: string) => boolean): FormServerErrors {
  const parts = recordErrorParts(error);
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  for (const [field, list] of Object.entries(parts?.fieldErrors ?? {})) {
    const text = list.join(' ');
    if (isFormField(field)) fields[field] = fields[field] ? `${fields[field]} ${text}` : text;
    else messages.push(text);
  }
  messages.push(...(parts?.errors ?? []));
  if (!messages.length && !Object.keys(fields).length) messages.push(...reduceErrors(error as ErrorLike));
  return { fields, messages };
}

/** The toast a screen dispatches when a write fails: the title says what failed, the message why. */
export function errorToast(title: string, error: ErrorLike | ErrorLike[]): ShowToastEvent {
  return new ShowToastEvent({ title, message: reduceErrors(error).join(' '), variant: 'error', mode: 'sticky' });
}

/** The toast after a write that worked. */
export function successToast(title: string, message?: string): ShowToastEvent {
  return new ShowToastEvent({ title, message, variant: 'success' });
}
