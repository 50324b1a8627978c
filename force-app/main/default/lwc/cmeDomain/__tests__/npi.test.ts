/** NPI: 10 digits, Luhn check digit over 80840 + the first 9 digits. */
import { isValidNpi, luhnCheckDigit, npiCheckDigit, npiProblem } from 'c/cmeDomain';

describe('NPI validation', () => {
  it.each(['1234567893', '1999999992', '9876543213', '1000000004', ' 1499999997 '])('accepts %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
    expect(npiProblem(npi)).toBeNull();
  });

  it('rejects a wrong check digit and says which digit it should be', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(npiProblem('1234567890')).toBe('The NPI check digit should be 3, not 0.');
  });

  it('catches a swap of two neighbouring digits', () => {
    expect(isValidNpi('1243567893')).toBe(false);
  });

  it('rejects the wrong length, letters and blanks', () => {
    expect(npiProblem('123456789')).toBe('An NPI has 10 digits; this one has 9.');
    expect(npiProblem('12345678931')).toBe('An NPI has 10 digits; this one has 11.');
    expect(npiProblem('12345A7893')).toBe('An NPI has digits only.');
    expect(npiProblem('')).toBe('The NPI is blank.');
    expect(isValidNpi(null)).toBe(false);
    expect(isValidNpi(undefined)).toBe(false);
  });

  it('computes check digits: the NPI standard example and the classic Luhn example', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(() => npiCheckDigit('12345')).toThrow(RangeError);
  });
});
