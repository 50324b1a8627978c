/** The walk-in form's pure rules: what a draft needs, and which existing Contact it is. */
import { normalise } from 'c/cmeUi';

export interface WalkInDraft {
  firstName: string;
  lastName: string;
  specialty: string;
  city: string;
  registration: string;
  email: string;
}

export type WalkInProblem = 'firstName' | 'lastName' | 'email';

export const EMPTY_WALK_IN: Readonly<WalkInDraft> = Object.freeze({
  firstName: '',
  lastName: '',
  specialty: '',
  city: '',
  registration: '',
  email: '',
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The fields of a walk-in draft that need fixing before it can be saved. */
export function walkInProblems(draft: WalkInDraft): WalkInProblem[] {
  const problems: WalkInProblem[] = [];
  if (!draft.firstName.trim()) problems.push('firstName');
  if (!draft.lastName.trim()) problems.push('lastName');
  if (draft.email.trim() && !EMAIL.test(draft.email.trim())) problems.push('email');
  return problems;
}

export interface ContactMatch {
  Id: string;
  Name?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
  CME_Registration_Number__c?: string | null;
  Email?: string | null;
}

/** The existing Contact a walk-in is: the registration number decides first, then the email. */
export function pickExistingContact(
  contacts: readonly ContactMatch[],
  registration: string,
  email: string,
): ContactMatch | undefined {
  const reg = normalise(registration);
  const mail = normalise(email);
  if (reg) {
    const byReg = contacts.find((c) => normalise(c.CME_Registration_Number__c) === reg);
    if (byReg) return byReg;
  }
  if (mail) return contacts.find((c) => normalise(c.Email) === mail);
  return undefined;
}
