// The generic record checks the disclosure standards run before a file is written: each finds its
// problem with the field, the value and a fix naming the source, and passes a good value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  USPS_STATE_CODES,
  allowedValueProblem,
  amountProblem,
  countryCode,
  countryProblem,
  dateInPeriodProblem,
  isIsoCountryCode,
  npiFieldProblem,
  recordProblems,
  requiredTextProblem,
  textLengthProblem,
  usStateCode,
  usStateProblem,
  zipProblem,
} from '../src/disclosure/checks.ts';
import type { DisclosurePeriod } from '../src/disclosure/types.ts';

const target = { field: 'RECIPIENT_CITY', source: 'Contact.MailingCity' };
const period: DisclosurePeriod = { start: '2025-01-01', end: '2025-12-31', label: 'PY2025', year: 2025 };

describe('disclosure checks', () => {
  it('required text: blank and spaces are missing, any text passes', () => {
    for (const blank of [null, undefined, '', '   ']) {
      const problem = requiredTextProblem(target, blank);
      assert.ok(problem);
      assert.equal(problem.field, 'RECIPIENT_CITY');
      assert.equal(problem.value, '');
      assert.match(problem.problem, /required/);
      assert.match(problem.fix, /Contact\.MailingCity/);
    }
    assert.equal(requiredTextProblem(target, 'Boston'), null);
  });

  it('text length: at the limit passes, one over fails; characters are counted, not UTF-16 units', () => {
    assert.equal(textLengthProblem(target, 'x'.repeat(40), 40), null);
    const over = textLengthProblem(target, 'x'.repeat(41), 40);
    assert.ok(over);
    assert.match(over.problem, /41 characters; at most 40/);
    assert.match(over.fix, /Shorten Contact\.MailingCity to 40/);
    // '𝔸' is two UTF-16 units but one character.
    assert.equal(textLengthProblem(target, '𝔸'.repeat(5), 5), null);
    assert.equal(textLengthProblem(target, null, 0), null);
  });

  it('amount: above zero with at most two decimals', () => {
    const money = { field: 'TOTAL_AMOUNT', source: 'the expense line' };
    for (const good of [0.01, 13.46, 1000, 0.1 + 0.2]) assert.equal(amountProblem(money, good), null, String(good));
    assert.match(amountProblem(money, 0)?.problem ?? '', /above zero/);
    assert.match(amountProblem(money, -5)?.problem ?? '', /above zero; it is -5/);
    assert.match(amountProblem(money, 12.345)?.problem ?? '', /more than two decimals \(12\.345\)/);
    assert.match(amountProblem(money, 12.345)?.fix ?? '', /Round the expense line to the cent/);
    assert.match(amountProblem(money, Number.NaN)?.problem ?? '', /not an amount/);
    assert.match(amountProblem(money, null)?.problem ?? '', /not an amount/);
  });

  it('date: inside the period, both ends included; outside, blank or not a day is a problem', () => {
    const day = { field: 'DATE_OF_PAYMENT', source: 'CME_Expense__c.Incurred_On__c' };
    assert.equal(dateInPeriodProblem(day, '2025-01-01', period), null);
    assert.equal(dateInPeriodProblem(day, '2025-12-31', period), null);
    const after = dateInPeriodProblem(day, '2026-01-01', period);
    assert.ok(after);
    assert.equal(after.value, '2026-01-01');
    assert.match(after.problem, /outside PY2025 \(2025-01-01 to 2025-12-31\)/);
    assert.match(dateInPeriodProblem(day, '2024-12-31', period)?.problem ?? '', /outside/);
    assert.match(dateInPeriodProblem(day, '2025-02-30', period)?.problem ?? '', /not a calendar day/);
    assert.match(dateInPeriodProblem(day, '01/02/2025', period)?.problem ?? '', /not a calendar day/);
    assert.match(dateInPeriodProblem(day, '2025-13-01', period)?.problem ?? '', /not a calendar day/);
    assert.match(dateInPeriodProblem(day, '2025-04-31', period)?.problem ?? '', /not a calendar day/);
    assert.match(dateInPeriodProblem(day, '2025-02-29', period)?.problem ?? '', /not a calendar day/);
    const leapYear = { start: '2024-01-01', end: '2024-12-31', label: 'PY2024', year: 2024 };
    assert.equal(dateInPeriodProblem(day, '2024-02-29', leapYear), null);
    assert.match(dateInPeriodProblem(day, null, period)?.problem ?? '', /blank/);
  });

  it('US state: the 62 USPS codes incl. DC, territories and Armed Forces; names map to codes', () => {
    assert.equal(Object.keys(USPS_STATE_CODES).length, 62);
    for (const code of ['MA', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP', 'AE']) assert.equal(usStateCode(code), code);
    assert.equal(usStateCode('ma'), 'MA');
    assert.equal(usStateCode('Massachusetts'), 'MA');
    assert.equal(usStateCode('district of columbia'), 'DC');
    assert.equal(usStateCode('Virgin Islands'), 'VI');
    assert.equal(usStateCode('XX'), null);
    const state = { field: 'RECIPIENT_STATE', source: 'Contact.MailingState' };
    assert.equal(usStateProblem(state, 'Texas'), null);
    const bad = usStateProblem(state, 'Maharashtra');
    assert.ok(bad);
    assert.equal(bad.value, 'Maharashtra');
    assert.match(bad.problem, /not a US state/);
    assert.match(bad.fix, /USPS code .* in Contact\.MailingState/);
    assert.match(usStateProblem(state, ' ')?.problem ?? '', /blank/);
  });

  it('ZIP: five digits or ZIP+4 with a hyphen', () => {
    const zip = { field: 'RECIPIENT_ZIP_CODE', source: 'Contact.MailingPostalCode' };
    for (const good of ['02115', '02115-1234', ' 98101 ']) assert.equal(zipProblem(zip, good), null, good);
    for (const bad of ['2115', '021151234', '02115-12', 'SW1A 1AA', '02115 1234']) {
      const problem = zipProblem(zip, bad);
      assert.ok(problem, bad);
      assert.equal(problem.value, bad.trim());
      assert.match(problem.problem, /not a ZIP code/);
    }
    assert.match(zipProblem(zip, '')?.problem ?? '', /blank/);
  });

  it('country: ISO 3166-1 alpha-2 codes, and the English names of the common countries', () => {
    assert.equal(isIsoCountryCode('DE'), true);
    assert.equal(isIsoCountryCode('UK'), false, 'UK is reserved, GB is the code');
    assert.equal(isIsoCountryCode('EU'), false);
    for (const [name, code] of [
      ['United States', 'US'],
      ['india', 'IN'],
      ['Germany', 'DE'],
      ['France', 'FR'],
      ['Spain', 'ES'],
      ['Italy', 'IT'],
      ['Netherlands', 'NL'],
      ['us', 'US'],
    ])
      assert.equal(countryCode(name), code, name);
    assert.equal(countryCode('Atlantis'), null);
    const country = { field: 'RECIPIENT_COUNTRY', source: 'Contact.MailingCountry' };
    assert.equal(countryProblem(country, 'United States of America'), null);
    const bad = countryProblem(country, 'ZZ');
    assert.ok(bad);
    assert.match(bad.problem, /"ZZ" is not an ISO 3166-1 alpha-2/);
    assert.match(bad.fix, /Contact\.MailingCountry/);
  });

  it("NPI: the domain core's check digit problem, with the fix", () => {
    const npi = { field: 'COVERED_RECIPIENT_NPI', source: 'Contact.CME_NPI__c' };
    assert.equal(npiFieldProblem(npi, '1234567893'), null);
    const wrongDigit = npiFieldProblem(npi, '1234567890');
    assert.ok(wrongDigit);
    assert.equal(wrongDigit.value, '1234567890');
    assert.equal(wrongDigit.problem, 'The NPI check digit should be 3, not 0.');
    assert.match(wrongDigit.fix, /NPPES .* Contact\.CME_NPI__c/);
    assert.equal(npiFieldProblem(npi, null)?.problem, 'The NPI is blank.');
    assert.match(npiFieldProblem(npi, '12345')?.problem ?? '', /10 digits; this one has 5/);
  });

  it('allowed value: exact match only, and the fix lists the values', () => {
    const form = { field: 'FORM_OF_PAYMENT', source: 'CME_Expense__c.Payment_Form__c' };
    const allowed = ['Cash or cash equivalent', 'In-kind items and services'];
    assert.equal(allowedValueProblem(form, 'Cash or cash equivalent', allowed), null);
    const bad = allowedValueProblem(form, 'cash', allowed);
    assert.ok(bad);
    assert.match(bad.problem, /"cash" is not one of the allowed values/);
    assert.match(bad.fix, /Cash or cash equivalent; In-kind items and services/);
    assert.match(allowedValueProblem(form, null, allowed)?.problem ?? '', /blank/);
  });

  it('recordProblems keeps the problems found, with the record ids, and drops the passes', () => {
    const ids = { recordId: 'R1', doctorId: 'D1', eventId: 'E1' };
    const problems = recordProblems(ids, [
      requiredTextProblem(target, 'Boston'),
      zipProblem({ field: 'ZIP', source: 'Contact.MailingPostalCode' }, 'x'),
    ]);
    assert.equal(problems.length, 1);
    assert.deepEqual(
      { recordId: problems[0].recordId, doctorId: problems[0].doctorId, eventId: problems[0].eventId },
      ids,
    );
    assert.equal(problems[0].field, 'ZIP');
  });
});
