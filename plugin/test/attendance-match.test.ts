// Matching people in a file to doctors: e-mail against the invited, then the name (normalised: accents,
// case, punctuation, titles, "Last, First", order), then e-mail against every HCP Contact for walk-ins.
// Ambiguity and several people on one doctor are left to a person, never guessed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emailKey, matchPeople } from '../src/attendance/match.ts';
import { nameKey, nameTokens } from '../src/attendance/names.ts';
import { reasonText } from '../src/attendance/review.ts';
import type { MatchCandidate, PersonInFile } from '../src/attendance/types.ts';

const candidate = (
  doctorId: string,
  firstName: string | null,
  lastName: string,
  email: string | null,
  invitationId: string | null,
): MatchCandidate => ({ doctorId, invitationId, firstName, lastName, email });

const ANA = candidate('003A', 'Ana', 'Müller', 'Ana.Mueller@Clinic.example', 'a0IA');
const JOSE = candidate('003J', 'José', 'Núñez', null, 'a0IJ');
const ANANYA = candidate('003I', 'Ananya', 'Iyer', 'ananya.iyer@example.org', 'a0II');
const INVITED = [ANA, JOSE, ANANYA];
const KENJI = candidate('003K', 'Kenji', 'Sato', 'k.sato@example.jp', null);
const CONTACTS = [KENJI, { ...ANANYA, invitationId: null }];

let nextLine = 2;
const person = (name: string, email: string | null = null): PersonInFile & { tag: string } => ({
  name,
  email,
  lines: [nextLine++],
  tag: name,
});

/** The outcome in short: kind, how, and the doctor(s). */
function summary(outcome: ReturnType<typeof matchPeople>[number]): string {
  switch (outcome.kind) {
    case 'invited':
    case 'walk-in':
      return `${outcome.kind} by ${outcome.by}: ${outcome.candidate.doctorId}`;
    case 'ambiguous':
      return `ambiguous by ${outcome.by}: ${outcome.candidates.map((c) => c.doctorId).join(' ')}`;
    case 'unmatched':
      return 'unmatched';
  }
}

const match = (people: PersonInFile[], invited = INVITED, contacts = CONTACTS): string[] =>
  matchPeople(people, invited, contacts).map(summary);

describe('nameKey', () => {
  it('removes accents, case, punctuation and titles, and ignores order', () => {
    for (const spelling of ['Dr. Ana Müller', 'MÜLLER, Ana', 'ana muller', 'Prof Ana  Muller, MD', 'Mrs. Ana Müller']) {
      assert.equal(nameKey(spelling), 'ana muller', spelling);
    }
    assert.deepEqual(nameTokens('José Núñez'), ['jose', 'nunez']);
    assert.equal(nameKey("Siobhán O'Brien-Ní Dhuibhir"), 'dhuibhir ni obrien siobhan');
    assert.equal(nameKey('Jürgen Groß'), nameKey('Jurgen Gross'));
  });

  it('keeps whole tokens: a name containing a title is not cut', () => {
    assert.equal(nameKey('Drew Msimang'), 'drew msimang');
  });

  it('is empty for a name that is only a title, and so matches nobody', () => {
    assert.equal(nameKey('Dr.'), '');
    assert.deepEqual(match([person('Dr.')], [candidate('003X', null, 'Dr', null, 'a0IX')]), ['unmatched']);
  });
});

describe('matchPeople', () => {
  it('matches an invited doctor by e-mail, case and spaces ignored, whatever the name says', () => {
    assert.equal(emailKey('  Ana.Mueller@CLINIC.example '), 'ana.mueller@clinic.example');
    assert.deepEqual(match([person('iPhone 13', ' ANA.MUELLER@clinic.example ')]), ['invited by email: 003A']);
  });

  it('matches an invited doctor by name: accents, titles and "Last, First"', () => {
    assert.deepEqual(
      match([person('Dr. Ana Muller'), person('Nunez, Jose'), person('IYER ANANYA', 'personal@mail.example')]),
      ['invited by name: 003A', 'invited by name: 003J', 'invited by name: 003I'],
    );
  });

  it('does not guess from a partial name', () => {
    assert.deepEqual(match([person('Ana'), person('Ana Müller-Schmidt'), person('A. Müller')]), [
      'unmatched',
      'unmatched',
      'unmatched',
    ]);
  });

  it('matches a walk-in by e-mail only, never by name', () => {
    assert.deepEqual(match([person('Kenji', 'K.Sato@example.jp'), person('Kenji Sato')]), [
      'walk-in by email: 003K',
      'unmatched',
    ]);
  });

  it('prefers the invited doctor to the same Contact among the contacts', () => {
    // Ananya is in both lists: her invitation is kept.
    const [outcome] = matchPeople([person('Ananya', 'ananya.iyer@example.org')], INVITED, CONTACTS);
    assert.equal(outcome.kind, 'invited');
    assert.equal(outcome.kind === 'invited' && outcome.candidate.invitationId, 'a0II');
  });

  it('finds an invited doctor through their Contact e-mail when the invitation list has none', () => {
    const joseContact = { ...JOSE, email: 'jose.nunez@example.es', invitationId: null };
    const [outcome] = matchPeople([person('JN', 'jose.nunez@example.es')], INVITED, [joseContact]);
    assert.deepEqual(outcome.kind === 'invited' ? [outcome.by, outcome.candidate.invitationId] : outcome.kind, [
      'email',
      'a0IJ',
    ]);
  });

  it('prefers an e-mail match to a name match of another invited doctor', () => {
    assert.deepEqual(match([person('José Núñez', 'ananya.iyer@example.org')]), ['invited by email: 003I']);
  });

  it('does not credit an invited namesake when the e-mail belongs to another Contact: ambiguous with both', () => {
    const invitedAna = candidate('003R', 'Ana', 'Rao', 'ana.rao@aiims.in', 'a0IR');
    const otherAna = candidate('003S', 'Ana', 'Rao', 'ana.rao@apollo.in', null);
    const outcomes = matchPeople([person('Dr. Ana Rao', 'ana.rao@apollo.in')], [invitedAna], [otherAna]);
    assert.deepEqual(outcomes.map(summary), ['ambiguous by name: 003R 003S']);
    // The invited one keeps their invitation among the candidates.
    assert.deepEqual(outcomes[0].kind === 'ambiguous' ? outcomes[0].candidates.map((c) => c.invitationId) : [], [
      'a0IR',
      null,
    ]);
    // The review file says why: the e-mail is another Contact's, not "several invited doctors".
    const attended = { minutes: 30, firstJoinedAt: new Date(0), lastLeftAt: new Date(1_800_000) };
    const why = reasonText({
      person: { ...outcomes[0].person, attended },
      reason: 'ambiguous-name',
      candidates: outcomes[0].kind === 'ambiguous' ? outcomes[0].candidates : [],
    });
    assert.match(why, /the e-mail is another Contact's/);
    // The same name with an e-mail no Contact has is still the invited doctor by name.
    assert.deepEqual(match([person('Dr. Ana Rao', 'ana@gmail.example')], [invitedAna], [otherAna]), [
      'invited by name: 003R',
    ]);
    // And an e-mail that is the invited doctor's own Contact e-mail agrees with the name.
    const invitedAsContact = { ...invitedAna, email: 'a.rao@aiims.in', invitationId: null };
    assert.deepEqual(match([person('Ana Rao', 'a.rao@aiims.in')], [invitedAna], [invitedAsContact]), [
      'invited by name: 003R',
    ]);
  });

  it('lists every candidate when two invited doctors share the deciding evidence', () => {
    const twin = candidate('003B', 'Ana', 'Muller', 'ana.b@example.org', 'a0IB');
    const shared = candidate('003C', 'Carla', 'Reyes', 'Ana.Mueller@clinic.example', 'a0IC');
    assert.deepEqual(match([person('Ana Müller')], [...INVITED, twin]), ['ambiguous by name: 003A 003B']);
    assert.deepEqual(match([person('x', 'ana.mueller@clinic.example')], [...INVITED, shared]), [
      'ambiguous by email: 003A 003C',
    ]);
  });

  it('counts a doctor listed twice under one e-mail as one candidate', () => {
    assert.deepEqual(match([person('x', 'k.sato@example.jp')], INVITED, [KENJI, KENJI]), ['walk-in by email: 003K']);
  });

  it('makes every person who lands on the same doctor ambiguous, with that doctor as candidate', () => {
    const outcomes = matchPeople(
      [person('Ana Müller', 'ana.mueller@clinic.example'), person('José Núñez'), person('Dr Ana Muller')],
      INVITED,
      CONTACTS,
    );
    assert.deepEqual(outcomes.map(summary), [
      'ambiguous by email: 003A',
      'invited by name: 003J',
      'ambiguous by name: 003A',
    ]);
  });

  it('leaves people with nothing to go on unmatched, and keeps input order and the person as given', () => {
    const people = [person('Guest 1'), person('Kenji Sato', 'kenji@other.example'), person('Ana Müller')];
    const outcomes = matchPeople(people, INVITED, CONTACTS);
    assert.deepEqual(outcomes.map(summary), ['unmatched', 'unmatched', 'invited by name: 003A']);
    assert.deepEqual(
      outcomes.map((o) => o.person.tag),
      people.map((p) => p.tag),
    );
    assert.equal(outcomes[2].person, people[2]);
  });
});
