// What a disclosure file needs to know about a seeded HCP beyond her name: a primary business address
// that fits the regulator's fields, her professional type and, in the US, the state that licensed her.
// Drawn from generators of their own (seeded from the plan's seed), never from the generator that
// draws events and expenses, so the rest of the seeded data and its planted problems stay as they were.
import { Faker, de, en, en_IN, en_US, es, fr, it, nl } from '@faker-js/faker';
import type { LocaleDefinition } from '@faker-js/faker';
import type { PrimaryType } from '../domain/cmeDomain.ts';
import { US_PRIMARY_TYPES } from './catalog.ts';
import type { City, Region } from './catalog.ts';

/** Open Payments' limits (CMS data dictionary): street line 55, first name 20, last name 35 characters. */
export const STREET_MAX = 55;
export const FIRST_NAME_MAX = 20;
export const LAST_NAME_MAX = 35;

/** The locale whose street names fit each seeded country. */
const STREET_LOCALES: Record<string, LocaleDefinition> = {
  US: en_US,
  IN: en_IN,
  DE: de,
  FR: fr,
  ES: es,
  IT: it,
  NL: nl,
};

// Far from the seeds generate.ts gives its own generators (plan.seed + 0…8), so no two share a sequence.
const PROFILE_SEED_OFFSET = 7_919;

export interface Address {
  street: string;
  postalCode: string;
}

export interface Profiler {
  /** A street line (≤ STREET_MAX) and a postal code of the city, in the country's format. */
  address(city: City): Address;
  /** US doctors: a draw from US_PRIMARY_TYPES; everyone else is a Medical Doctor, as before. */
  primaryType(region: Region): PrimaryType;
  /**
   * CME_License_State__c holds one 2-letter code (a Text(2) field), so one state: mostly where she
   * practises, sometimes `elsewhere` (a state she moved from, or licensed in first).
   */
  licenseState(city: City, elsewhere: string): string;
  /** The day an EU doctor gave consent to named disclosure: one to twenty-four months before the plan's window. */
  consentDate(): string;
}

const DAY = 86_400_000;

/** `from`: the first day of the plan's window (YYYY-MM-DD). */
export function createProfiler(seed: number, from: string): Profiler {
  const windowStart = Date.parse(`${from}T00:00:00Z`);
  const general = new Faker({ locale: [en], seed: seed + PROFILE_SEED_OFFSET });
  const streets = new Map<string, Faker>();
  Object.entries(STREET_LOCALES).forEach(([country, locale], i) =>
    streets.set(country, new Faker({ locale: [locale, en], seed: seed + PROFILE_SEED_OFFSET + 1 + i })),
  );
  return {
    address: (city) => ({
      street: streetLine(streets.get(city.country) ?? general, city.country),
      postalCode: postalCode(general, city),
    }),
    primaryType: (region) =>
      region === 'US' ? general.helpers.weightedArrayElement(US_PRIMARY_TYPES) : 'Medical Doctor',
    licenseState: (city, elsewhere) => (general.number.float({ min: 0, max: 1 }) < 0.85 ? city.state : elsewhere),
    consentDate: () =>
      new Date(windowStart - general.number.int({ min: 30, max: 730 }) * DAY).toISOString().slice(0, 10),
  };
}

/** A practice's street line: US ones often with a suite; redrawn until it fits the 55 characters. */
function streetLine(faker: Faker, country: string): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const withSuite = country === 'US' && faker.number.float({ min: 0, max: 1 }) < 0.4;
    const line = withSuite
      ? `${faker.location.streetAddress()} Suite ${faker.number.int({ min: 100, max: 999 })}`
      : faker.location.streetAddress();
    if (line.length <= STREET_MAX) return line;
  }
  return faker.location.street().slice(0, STREET_MAX);
}

/**
 * A postal code from the city's range, written as the country writes it: US ZIP (a fifth of them
 * ZIP+4), Indian six-digit PIN, Dutch "1011 AB", five digits elsewhere in the EU.
 */
function postalCode(faker: Faker, city: City): string {
  const [first, last] = city.postalCodes;
  const code = faker.number.int({ min: first, max: last });
  switch (city.country) {
    case 'US':
      return faker.number.float({ min: 0, max: 1 }) < 0.2
        ? `${pad(code, 5)}-${pad(faker.number.int({ min: 1, max: 9999 }), 4)}`
        : pad(code, 5);
    case 'NL':
      // Dutch postcodes never use the letter pairs SA, SD and SS: the letters drawn leave out S (and D).
      return `${code} ${faker.string.fromCharacters('ABCEGHJKLMNPRTVWXZ', 2)}`;
    default:
      return pad(code, city.country === 'IN' ? 6 : 5);
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A name drawn again while it is longer than `max` (rare), so it fits Open Payments' name fields. */
export function nameWithin(draw: () => string, max: number): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const name = draw();
    if (name.length <= max) return name;
  }
  return draw().slice(0, max);
}
