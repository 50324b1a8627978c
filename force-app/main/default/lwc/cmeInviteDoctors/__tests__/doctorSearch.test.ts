import {
  appendDoctors,
  distinctValues,
  doctorEntryFrom,
  filterDoctors,
  isFiltered,
  normaliseText,
  searchTokens,
} from 'c/cmeInviteDoctors';
import type { DoctorEntry } from 'c/cmeInviteDoctors';
import page1 from './data/doctorsPage1.json';
import page2 from './data/doctorsPage2.json';

const entries = (page: typeof page1) => page.uiapi.query.Contact.edges.map((e) => doctorEntryFrom(e.node));

function syntheticDoctors(count: number): DoctorEntry[] {
  const specialties = ['Cardiology', 'Oncology', 'Neurology', 'Endocrinology', 'Nephrology'];
  const cities = ['Mumbai', 'Pune', 'Chennai', 'Kolkata', 'Delhi', 'Bengaluru'];
  return Array.from({ length: count }, (_, i) =>
    doctorEntryFrom({
      Id: `003${String(i).padStart(15, '0')}`,
      Name: { value: `Doctor${i} Surname${i % 97}` },
      CME_Specialty__c: { value: specialties[i % specialties.length] },
      CME_Territory__c: { value: `Territory ${i % 40}` },
      MailingCity: { value: cities[i % cities.length] },
    }),
  );
}

describe('doctor search', () => {
  it('normalises case and accents', () => {
    expect(normaliseText('José FERNANDES')).toBe('jose fernandes');
    expect(normaliseText(null)).toBe('');
    expect(searchTokens('  Cardio   MUMBAI ')).toEqual(['cardio', 'mumbai']);
    expect(searchTokens('   ')).toEqual([]);
    expect(searchTokens(undefined)).toEqual([]);
  });

  it('builds an entry with a display name and one search text per doctor', () => {
    const [asha] = entries(page1);
    expect(asha).toMatchObject({
      id: '003000000000001AAA',
      name: 'Dr Asha Rao',
      specialty: 'Cardiology',
      territory: 'Mumbai West',
      city: 'Mumbai',
      search: 'dr asha rao cardiology mumbai west mumbai',
    });
    expect(asha.doctor.CME_Disclosure_Consent__c).toBe(true);
    // The specialty as users read it: the picklist label, which may differ from the API value.
    const labelled = doctorEntryFrom({
      Id: '003000000000097AAA',
      CME_Specialty__c: { value: 'Obstetrics and Gynecology', displayValue: 'Obstetrics & Gynaecology' },
    });
    expect(labelled.specialty).toBe('Obstetrics & Gynaecology');
    expect(labelled.search).toContain('gynaecology');
    const blank = doctorEntryFrom({ Id: '003000000000099AAA' });
    expect(blank).toMatchObject({ name: 'HCP 003000000000099AAA', specialty: '', territory: '', city: '' });
  });

  it('appends pages in order and replaces a doctor seen again', () => {
    const first = entries(page1);
    const all = appendDoctors(first, entries(page2));
    expect(all.map((d) => d.name)).toEqual([
      'Dr Asha Rao',
      'Dr Vikram Shah',
      'Dr José Fernandes',
      'Dr Meera Iyer',
      'Dr Rahul Das',
    ]);
    const renamed = { ...first[1], name: 'Dr Vikram S. Shah' };
    const again = appendDoctors(all, [renamed]);
    expect(again).toHaveLength(5);
    expect(again[1].name).toBe('Dr Vikram S. Shah');
    expect(appendDoctors(all, [])).not.toBe(all);
  });

  it('matches every word anywhere in name, specialty, territory or city', () => {
    const all = appendDoctors(entries(page1), entries(page2));
    const names = (text: string) => filterDoctors(all, { text }, 50).shown.map((d) => d.name);
    expect(names('')).toHaveLength(5);
    expect(names('cardiology')).toEqual(['Dr Asha Rao', 'Dr Vikram Shah']);
    expect(names('card pune')).toEqual(['Dr Vikram Shah']);
    expect(names('panaji')).toEqual(['Dr José Fernandes']);
    expect(names('kolkata das')).toEqual(['Dr Rahul Das']);
    expect(names('cardiology chennai')).toEqual([]);
  });

  it('narrows by exact specialty and territory', () => {
    const all = appendDoctors(entries(page1), entries(page2));
    expect(filterDoctors(all, { specialty: 'Cardiology' }, 50).total).toBe(2);
    expect(filterDoctors(all, { specialty: 'Cardio' }, 50).total).toBe(0);
    expect(filterDoctors(all, { territory: 'Goa' }, 50).shown.map((d) => d.name)).toEqual(['Dr José Fernandes']);
    expect(filterDoctors(all, { text: 'dr', specialty: 'Oncology', territory: 'Chennai South' }, 50).total).toBe(1);
  });

  it('returns at most `limit` rows with the full count', () => {
    const all = appendDoctors(entries(page1), entries(page2));
    const result = filterDoctors(all, { text: 'dr' }, 2);
    expect(result.shown.map((d) => d.name)).toEqual(['Dr Asha Rao', 'Dr Vikram Shah']);
    expect(result.total).toBe(5);
  });

  it('knows whether any filter is set', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ text: '   ' })).toBe(false);
    expect(isFiltered({ text: 'a' })).toBe(true);
    expect(isFiltered({ specialty: 'Oncology' })).toBe(true);
    expect(isFiltered({ territory: 'Goa' })).toBe(true);
  });

  it('lists the distinct values for the pickers, sorted, without blanks', () => {
    const all = appendDoctors(entries(page1), [
      ...entries(page2),
      doctorEntryFrom({ Id: '003000000000098AAA', CME_Specialty__c: { value: 'Cardiology' } }),
    ]);
    expect(distinctValues(all, 'specialty')).toEqual(['Cardiology', 'Endocrinology', 'Neurology', 'Oncology']);
    expect(distinctValues(all, 'city')).toEqual(['Chennai', 'Kolkata', 'Mumbai', 'Panaji', 'Pune']);
  });

  it('filters 10,000 doctors well within a keystroke', () => {
    const all = syntheticDoctors(10_000);
    filterDoctors(all, { text: 'warm up' }, 50);
    const started = performance.now();
    for (const text of ['c', 'ca', 'car', 'card', 'cardi', 'cardio mumbai', 'surname42 territory 7']) {
      const result = filterDoctors(all, { text }, 50);
      expect(result.shown.length).toBeLessThanOrEqual(50);
    }
    // Seven searches over 10,000 doctors; the screen needs each under 50 ms including rendering.
    expect((performance.now() - started) / 7).toBeLessThan(20);
    expect(filterDoctors(all, { text: 'cardiology mumbai' }, 50).total).toBe(334);
  });
});
