// Who each person in a webinar report or survey export is: an invited doctor of the event, a walk-in
// (an HCP Contact who was not invited) or nobody we can tell. Evidence is taken strongest first and
// the first step that finds anyone decides: e-mail against the invited, then the name against the
// invited, then e-mail against every HCP Contact. A name alone among every HCP of the org is too weak
// to act on, so walk-ins are matched by e-mail only; and a name that fits an invited doctor while the
// e-mail belongs to another Contact decides nothing (ambiguous with all of them). Nothing is guessed:
// several candidates at the deciding step, or several people landing on one doctor, are left for a
// person to resolve. Pure.
import { nameKey } from './names.ts';
import type { MatchCandidate, MatchOutcome, PersonInFile } from './types.ts';

/** An e-mail as compared: trimmed and lower-cased ('' when absent, which matches nobody). */
export function emailKey(email: string | null): string {
  return (email ?? '').trim().toLowerCase();
}

/** The candidate's name as the file would write it, for the name key. */
function candidateName(candidate: MatchCandidate): string {
  return `${candidate.firstName ?? ''} ${candidate.lastName}`;
}

/** Candidates grouped by a key; a doctor listed twice under one key is one candidate, not two. */
function indexBy(
  candidates: readonly MatchCandidate[],
  keyOf: (c: MatchCandidate) => string,
): Map<string, MatchCandidate[]> {
  const index = new Map<string, MatchCandidate[]>();
  for (const candidate of candidates) {
    const key = keyOf(candidate);
    if (key === '') continue;
    const found = index.get(key) ?? [];
    if (!found.some((c) => c.doctorId === candidate.doctorId)) found.push(candidate);
    index.set(key, found);
  }
  return index;
}

/** Where one person lands on their own, before other people in the file are considered. */
function matchOne<P extends PersonInFile>(
  person: P,
  invitedByEmail: Map<string, MatchCandidate[]>,
  invitedByName: Map<string, MatchCandidate[]>,
  contactsByEmail: Map<string, MatchCandidate[]>,
  invitedByDoctor: Map<string, MatchCandidate>,
): MatchOutcome<P> {
  const email = emailKey(person.email);
  const byEmail = email === '' ? undefined : invitedByEmail.get(email);
  if (byEmail) return decided(person, byEmail, 'email', 'invited');
  const name = nameKey(person.name);
  const byName = name === '' ? undefined : invitedByName.get(name);
  const contacts = email === '' ? undefined : contactsByEmail.get(email);
  if (byName) {
    // The e-mail is the stronger evidence: when it belongs to a Contact other than the invited
    // namesakes, the person may be that Contact (a namesake who was not invited) — a person decides.
    const others = (contacts ?? []).filter((c) => !byName.some((n) => n.doctorId === c.doctorId));
    if (others.length === 0) return decided(person, byName, 'name', 'invited');
    const candidates = [...byName, ...others.map((c) => invitedByDoctor.get(c.doctorId) ?? c)];
    return { kind: 'ambiguous', person, candidates, by: 'name' };
  }
  if (contacts) {
    // The Contact's e-mail may differ from what the invitation list carries (or it carries none):
    // an invited doctor found this way is still the invited doctor, with their invitation.
    const asInvited = contacts.map((c) => invitedByDoctor.get(c.doctorId)).filter((c) => c !== undefined);
    if (asInvited.length === contacts.length) return decided(person, asInvited, 'email', 'invited');
    return decided(person, contacts, 'email', 'walk-in');
  }
  return { kind: 'unmatched', person };
}

function decided<P extends PersonInFile>(
  person: P,
  candidates: MatchCandidate[],
  by: 'email' | 'name',
  kind: 'invited' | 'walk-in',
): MatchOutcome<P> {
  if (candidates.length > 1) return { kind: 'ambiguous', person, candidates, by };
  if (kind === 'walk-in') return { kind, person, candidate: candidates[0], by: 'email' };
  return { kind, person, candidate: candidates[0], by };
}

/**
 * Where each person in the file lands, one outcome per person in input order. A contact who is also
 * invited is the invited doctor (their invitation is kept). When two or more people in the file land
 * on one doctor — the same person on a second device under another name, or a namesake — every one of
 * them becomes ambiguous with that doctor as the only candidate: merging their minutes or picking one
 * is a person's call, and writing either would put a wrong figure on a credit certificate.
 */
export function matchPeople<P extends PersonInFile>(
  people: readonly P[],
  invited: readonly MatchCandidate[],
  contacts: readonly MatchCandidate[],
): MatchOutcome<P>[] {
  const invitedByEmail = indexBy(invited, (c) => emailKey(c.email));
  const invitedByName = indexBy(invited, (c) => nameKey(candidateName(c)));
  const contactsByEmail = indexBy(contacts, (c) => emailKey(c.email));
  // A doctor invited twice keeps the first invitation, as indexBy does.
  const invitedByDoctor = new Map<string, MatchCandidate>();
  for (const c of invited) if (!invitedByDoctor.has(c.doctorId)) invitedByDoctor.set(c.doctorId, c);
  const alone = people.map((person) =>
    matchOne(person, invitedByEmail, invitedByName, contactsByEmail, invitedByDoctor),
  );
  const landings = new Map<string, number>();
  for (const outcome of alone) {
    if (outcome.kind === 'invited' || outcome.kind === 'walk-in') {
      landings.set(outcome.candidate.doctorId, (landings.get(outcome.candidate.doctorId) ?? 0) + 1);
    }
  }
  return alone.map((outcome) =>
    (outcome.kind === 'invited' || outcome.kind === 'walk-in') && (landings.get(outcome.candidate.doctorId) ?? 0) > 1
      ? { kind: 'ambiguous', person: outcome.person, candidates: [outcome.candidate], by: outcome.by }
      : outcome,
  );
}
