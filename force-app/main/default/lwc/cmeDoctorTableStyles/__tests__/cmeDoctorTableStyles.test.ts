// The CSS module c/cmeDoctorTableStyles has no JavaScript: its rules are tested where they land, in the
// template of the doctor row (`@import 'c/cmeDoctorTableStyles';` in cmeDoctorRow.css).
import CmeDoctorRow from 'c/cmeDoctorRow';
import { doctorRows } from '../../cmeInviteDoctors/doctorRows';
import type { DoctorEntry } from '../../cmeInviteDoctors/doctorSearch';
import { $, flushPromises, mount, resetDom } from '../../../../../test/lwcTest';

// A row as the invite screen builds it for a doctor it found (nobody invited or selected yet).
const DOCTOR = {
  id: '003000000000001AAA',
  name: 'Dr Asha Rao',
  specialty: 'Cardiology',
  city: 'Pune',
  territory: 'West-2',
};
const [ROW] = doctorRows([DOCTOR as DoctorEntry], {
  isInvited: () => false,
  selectedIds: new Set(),
  selectable: true,
  insights: new Map(),
  failedInsightIds: new Set(),
});

describe('c/cmeDoctorTableStyles', () => {
  afterEach(resetDom);

  // jsdom orders matching rules by position only, not specificity (its helpers/style-rules.js says so), so
  // the outer insets (.cell:first-child over the row's own later .cell padding) cannot be read here.
  it("gives the doctor row's selection column its width and a 44 px checkbox target", async () => {
    const element = mount('c-cme-doctor-row', CmeDoctorRow, { row: ROW });
    await flushPromises();
    expect(getComputedStyle($(element, '.select-col')!).width).toBe('3.25rem');
    const target = getComputedStyle($(element, '.tap-target')!);
    expect([target.display, target.minWidth, target.minHeight, target.cursor]).toEqual([
      'inline-flex',
      '2.75rem',
      '2.75rem',
      'pointer',
    ]);
  });

  it('styles nothing outside the templates of the components that import it', async () => {
    mount('c-cme-doctor-row', CmeDoctorRow, { row: ROW });
    await flushPromises();
    const outside = document.createElement('label');
    outside.className = 'tap-target';
    document.body.appendChild(outside);
    expect(getComputedStyle(outside).minHeight).not.toBe('2.75rem');
  });
});
