// The vocabulary seeded data is drawn from: regions with their rule pack, currency, cities and
// councils; therapy areas with topics. Realistic enough that reports read like a real org's.
import type { PrimaryType } from '../domain/cmeDomain.ts';

export type Region = 'IN' | 'US' | 'EU';

export interface City {
  city: string;
  state: string;
  country: string;
  timeZone: string;
  territory: string;
  /**
   * The range of the city's postal codes, as numbers (US ZIP, German PLZ, Indian PIN, the four digits of a
   * Dutch postcode): seeded addresses take a code from it, so the code matches the city.
   */
  postalCodes: [number, number];
}

export interface RegionInfo {
  rulePack: string;
  currency: string;
  cities: City[];
  /** Per-region money scale: budget range, typical meal per head, honorarium rate per hour, travel. */
  money: {
    budget: [number, number];
    mealPerHead: [number, number];
    hourly: [number, number];
    travel: [number, number];
    venue: [number, number];
  };
  councils: string[];
}

export const REGIONS: Record<Region, RegionInfo> = {
  IN: {
    rulePack: 'IN-UCPMP-2024',
    currency: 'INR',
    cities: [
      {
        city: 'Mumbai',
        state: 'Maharashtra',
        country: 'IN',
        timeZone: 'Asia/Kolkata',
        territory: 'Mumbai West',
        postalCodes: [400_001, 400_104],
      },
      {
        city: 'Pune',
        state: 'Maharashtra',
        country: 'IN',
        timeZone: 'Asia/Kolkata',
        territory: 'Pune',
        postalCodes: [411_001, 411_062],
      },
      {
        city: 'New Delhi',
        state: 'Delhi',
        country: 'IN',
        timeZone: 'Asia/Kolkata',
        territory: 'Delhi NCR',
        postalCodes: [110_001, 110_097],
      },
      {
        city: 'Bengaluru',
        state: 'Karnataka',
        country: 'IN',
        timeZone: 'Asia/Kolkata',
        territory: 'Bengaluru',
        postalCodes: [560_001, 560_103],
      },
      {
        city: 'Chennai',
        state: 'Tamil Nadu',
        country: 'IN',
        timeZone: 'Asia/Kolkata',
        territory: 'Chennai',
        postalCodes: [600_001, 600_119],
      },
      {
        city: 'Kolkata',
        state: 'West Bengal',
        country: 'IN',
        timeZone: 'Asia/Kolkata',
        territory: 'Kolkata',
        postalCodes: [700_001, 700_160],
      },
      {
        city: 'Hyderabad',
        state: 'Telangana',
        country: 'IN',
        timeZone: 'Asia/Kolkata',
        territory: 'Hyderabad',
        postalCodes: [500_001, 500_100],
      },
    ],
    money: {
      budget: [300_000, 1_500_000],
      mealPerHead: [900, 2_200],
      hourly: [4_000, 9_000],
      travel: [6_000, 25_000],
      venue: [60_000, 300_000],
    },
    councils: [
      'Maharashtra Medical Council',
      'Delhi Medical Council',
      'Karnataka Medical Council',
      'Tamil Nadu Medical Council',
      'West Bengal Medical Council',
      'Telangana State Medical Council',
      'National Medical Commission',
    ],
  },
  US: {
    rulePack: 'US-PHRMA-OPENPAYMENTS',
    currency: 'USD',
    cities: [
      {
        city: 'Boston',
        state: 'MA',
        country: 'US',
        timeZone: 'America/New_York',
        territory: 'Northeast',
        postalCodes: [2108, 2137],
      },
      {
        city: 'New York',
        state: 'NY',
        country: 'US',
        timeZone: 'America/New_York',
        territory: 'Northeast',
        postalCodes: [10_001, 10_282],
      },
      {
        city: 'Chicago',
        state: 'IL',
        country: 'US',
        timeZone: 'America/Chicago',
        territory: 'Midwest',
        postalCodes: [60_601, 60_661],
      },
      {
        city: 'Houston',
        state: 'TX',
        country: 'US',
        timeZone: 'America/Chicago',
        territory: 'South',
        postalCodes: [77_002, 77_099],
      },
      {
        city: 'San Diego',
        state: 'CA',
        country: 'US',
        timeZone: 'America/Los_Angeles',
        territory: 'West',
        postalCodes: [92_101, 92_199],
      },
      {
        city: 'Seattle',
        state: 'WA',
        country: 'US',
        timeZone: 'America/Los_Angeles',
        territory: 'West',
        postalCodes: [98_101, 98_199],
      },
    ],
    money: {
      budget: [12_000, 60_000],
      mealPerHead: [35, 110],
      hourly: [250, 450],
      travel: [400, 1_400],
      venue: [2_000, 9_000],
    },
    councils: [],
  },
  EU: {
    rulePack: 'EU-EFPIA',
    currency: 'EUR',
    cities: [
      {
        city: 'Berlin',
        state: 'Berlin',
        country: 'DE',
        timeZone: 'Europe/Berlin',
        territory: 'DACH',
        postalCodes: [10_115, 14_199],
      },
      {
        city: 'Munich',
        state: 'Bavaria',
        country: 'DE',
        timeZone: 'Europe/Berlin',
        territory: 'DACH',
        postalCodes: [80_331, 81_929],
      },
      {
        city: 'Paris',
        state: 'Île-de-France',
        country: 'FR',
        timeZone: 'Europe/Paris',
        territory: 'France',
        postalCodes: [75_001, 75_020],
      },
      {
        city: 'Madrid',
        state: 'Madrid',
        country: 'ES',
        timeZone: 'Europe/Madrid',
        territory: 'Iberia',
        postalCodes: [28_001, 28_055],
      },
      {
        city: 'Milan',
        state: 'Lombardy',
        country: 'IT',
        timeZone: 'Europe/Rome',
        territory: 'Italy',
        postalCodes: [20_121, 20_162],
      },
      {
        city: 'Amsterdam',
        state: 'North Holland',
        country: 'NL',
        timeZone: 'Europe/Amsterdam',
        territory: 'Benelux',
        postalCodes: [1011, 1109],
      },
    ],
    money: {
      budget: [8_000, 50_000],
      mealPerHead: [30, 75],
      hourly: [200, 380],
      travel: [250, 900],
      venue: [1_500, 7_000],
    },
    councils: [
      'Ärztekammer Berlin',
      'Bayerische Landesärztekammer',
      'Ordre des médecins',
      'Colegio de Médicos de Madrid',
      'Ordine dei Medici di Milano',
      'BIG-register',
    ],
  },
};

export const US_STATES = ['MA', 'NY', 'IL', 'TX', 'CA', 'WA', 'PA', 'FL', 'OH', 'GA'];

/**
 * The mix of HCP types among seeded US doctors (CME_Primary_Type__c), by weight out of 100. Mostly
 * physicians, with the non-physician practitioners Open Payments has covered since PY2021 (physician
 * assistants, nurse practitioners) and a few types it does not cover (pharmacists, nurses), so a
 * disclosure has covered and non-covered recipients to tell apart. A rough share of who attends
 * industry CME, not a measured figure.
 */
export const US_PRIMARY_TYPES: { value: PrimaryType; weight: number }[] = [
  { value: 'Medical Doctor', weight: 62 },
  { value: 'Doctor of Osteopathy', weight: 9 },
  { value: 'Nurse Practitioner', weight: 12 },
  { value: 'Physician Assistant', weight: 8 },
  { value: 'Pharmacist', weight: 4 },
  { value: 'Nurse', weight: 2 },
  { value: 'Podiatrist', weight: 1 },
  { value: 'Optometrist', weight: 1 },
  { value: 'Dentist', weight: 1 },
];

/** Therapy areas with the specialties they invite and topics they teach. */
export const THERAPY_AREAS: { area: string; specialties: string[]; topics: string[]; product?: string }[] = [
  {
    area: 'Cardiovascular',
    specialties: ['Cardiology', 'Internal Medicine'],
    topics: [
      'Heart failure with preserved ejection fraction',
      'Lipid management after ACS',
      'Atrial fibrillation and anticoagulation',
    ],
    product: 'Cardiolex',
  },
  {
    area: 'Diabetes and Endocrinology',
    specialties: ['Endocrinology', 'Internal Medicine', 'Family Medicine'],
    topics: ['GLP-1 therapy in type 2 diabetes', 'Insulin titration in primary care', 'Thyroid nodules: when to refer'],
    product: 'Glucora',
  },
  {
    area: 'Oncology',
    specialties: ['Oncology', 'Hematology'],
    topics: ['Immunotherapy adverse events', 'Biomarker testing in NSCLC', 'Survivorship care plans'],
    product: 'Oncaris',
  },
  {
    area: 'Respiratory',
    specialties: ['Pulmonology', 'General Practice'],
    topics: ['Asthma step-down therapy', 'COPD exacerbation prevention', 'Spirometry in the clinic'],
  },
  {
    area: 'Neuroscience',
    specialties: ['Neurology', 'Psychiatry'],
    topics: ['Migraine prevention', 'Early Parkinson disease', 'Epilepsy in pregnancy'],
  },
  {
    area: 'Infectious Disease',
    specialties: ['Infectious Disease', 'Internal Medicine'],
    topics: ['Antimicrobial stewardship', 'Adult vaccination schedules', 'Dengue management'],
  },
  {
    area: 'Gastroenterology',
    specialties: ['Gastroenterology'],
    topics: ['IBD treat-to-target', 'NAFLD screening', 'H. pylori resistance'],
  },
  {
    area: 'Nephrology',
    specialties: ['Nephrology', 'Internal Medicine'],
    topics: ['CKD progression and SGLT2 inhibitors', 'Hyperkalemia management'],
  },
];

export const EVENT_TYPES = [
  'Conference',
  'Workshop',
  'Webinar',
  'Roundtable',
  'Hospital Meeting',
  'Specialty Session',
] as const;
export const ACCREDITORS = [
  'Accreditation Council for CME',
  'Indian Medical Association CME Cell',
  'European Accreditation Council for CME',
];
export const VENUES = [
  'Grand Hyatt',
  'Taj Conference Centre',
  'Marriott Ballroom',
  'Hilton Convention Hall',
  'University Hospital Auditorium',
  'Novotel Meeting Rooms',
];
export const VENDORS = [
  'Eventra Hospitality',
  'Sapphire Caterers',
  'AV Pro Rentals',
  'MedTravel Desk',
  'PrintHouse',
  'CME Accreditation Services',
];

/**
 * Healthcare organisations (HCOs: hospitals and clinics) by country, three per seeded city: each doctor
 * belongs to one, as a real CRM parents its Contacts to Accounts (and EFPIA disclosure names the HCO).
 * `{city}` is replaced by the city's name.
 */
export const HCO_NAMES: Record<string, [string, string, string]> = {
  IN: ['{city} Multispeciality Hospital', '{city} Institute of Medical Sciences', 'Sanjeevani Clinic, {city}'],
  US: ['{city} Medical Center', '{city} Memorial Hospital', '{city} Family Health Clinic'],
  DE: ['Klinikum {city}', 'Universitätsklinikum {city}', 'Praxisklinik {city}-Mitte'],
  FR: ['Centre Hospitalier de {city}', 'Hôpital Universitaire de {city}', 'Clinique du Parc, {city}'],
  ES: ['Hospital Universitario de {city}', 'Hospital General de {city}', 'Clínica San Rafael, {city}'],
  IT: ['Ospedale Maggiore di {city}', 'Policlinico di {city}', 'Clinica San Giuseppe, {city}'],
  NL: ['Medisch Centrum {city}', 'Ziekenhuis {city}-Zuid', 'Huisartsenpraktijk {city}-Centrum'],
};
