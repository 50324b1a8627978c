import {
  HCP_FILTER,
  appendDoctors,
  doctorEntryFrom,
  doctorWhere,
  isFiltered,
  likePattern,
  normaliseText,
  sameFilter,
  searchTokens,
  specialtyValuesMatching,
} from '../doctorSearch';
import page1 from './data/doctorsPage1.json';
import page2 from './data/doctorsPage2.json';
import picklist from './data/specialtyPicklist.json';
import { word } from './fixtures';

const entries = (page: typeof page1) => page.uiapi.query.Contact.edges.map((e) => doctorEntryFrom(e.node));
const specialties = picklist.values.map((v) => ({ label: v.label, value: v.value }));

describe('doctor search', () => {
  it('normalises case and accents for matching labels', () => {
    expect(normaliseText('José FERNANDES')).toBe('jose fernandes');
    expect(normaliseText(null)).toBe('');
  });

  it('splits the words as typed and keeps LIKE wildcards out', () => {
    expect(searchTokens('  Cardio   MUMBAI ')).toEqual(['Cardio', 'MUMBAI']);
    expect(searchTokens('   ')).toEqual([]);
    expect(searchTokens(undefined)).toEqual([]);
    expect(searchTokens('50%_off\\x')).toEqual(['50', 'off', 'x']);
    expect(searchTokens('%')).toEqual([]);
    expect(likePattern('rao')).toBe('%rao%');
  });

  it('matches a word to the specialty values whose label contains it', () => {
    expect(specialtyValuesMatching('cardio', specialties)).toEqual(['Cardiology']);
    expect(specialtyValuesMatching('GYNAE', specialties)).toEqual(['Obstetrics and Gynecology']);
    expect(specialtyValuesMatching('logy', specialties)).toEqual([
      'Cardiology',
      'Endocrinology',
      'Oncology',
      'Neurology',
      'Obstetrics and Gynecology',
    ]);
    expect(specialtyValuesMatching('rao', specialties)).toEqual([]);
    expect(specialtyValuesMatching('a', [{ label: 'All', value: '' }])).toEqual([]);
  });

  it('builds the server filter: HCPs only, every word in some field, the pickers as they are', () => {
    expect(doctorWhere({}, specialties)).toEqual(HCP_FILTER);
    expect(doctorWhere({ text: '  ' }, specialties)).toEqual(HCP_FILTER);
    expect(doctorWhere({ text: 'cardio Mumbai' }, specialties)).toEqual({
      and: [HCP_FILTER, word('cardio', ['Cardiology']), word('Mumbai')],
    });
    expect(doctorWhere({ text: 'cardio' }, [])).toEqual({ and: [HCP_FILTER, word('cardio')] });
    expect(doctorWhere({ specialty: 'Oncology', territory: ' Chennai  South ' }, specialties)).toEqual({
      and: [HCP_FILTER, { CME_Specialty__c: { eq: 'Oncology' } }, { CME_Territory__c: { like: '%Chennai South%' } }],
    });
    expect(doctorWhere({ territory: '%' }, specialties)).toEqual(HCP_FILTER);
  });

  it('builds an entry with a display name', () => {
    const [asha] = entries(page1);
    expect(asha).toMatchObject({
      id: '003000000000001AAA',
      name: 'Dr Asha Rao',
      specialty: 'Cardiology',
      territory: 'Mumbai West',
      city: 'Mumbai',
    });
    expect(asha.doctor.CME_Disclosure_Consent__c).toBe(true);
    // The specialty as users read it: the picklist label, which may differ from the API value.
    const labelled = doctorEntryFrom({
      Id: '003000000000097AAA',
      CME_Specialty__c: { value: 'Obstetrics and Gynecology', displayValue: 'Obstetrics & Gynaecology' },
    });
    expect(labelled.specialty).toBe('Obstetrics & Gynaecology');
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

  it('knows whether any filter is set and whether two filters ask the same', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ text: '   ' })).toBe(false);
    expect(isFiltered({ text: 'a' })).toBe(true);
    expect(isFiltered({ specialty: 'Oncology' })).toBe(true);
    expect(isFiltered({ territory: 'Goa' })).toBe(true);
    expect(sameFilter({ text: ' rao ' }, { text: 'rao', specialty: '', territory: '' })).toBe(true);
    expect(sameFilter({ text: 'rao' }, { text: 'ra' })).toBe(false);
    expect(sameFilter({ specialty: 'Oncology' }, {})).toBe(false);
    expect(sameFilter({ territory: 'Goa' }, { territory: 'Go' })).toBe(false);
  });
});
