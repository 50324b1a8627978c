// Who gets a certificate (plan.ts), without an org: one decision per doctor when an import left two
// attendance records of one doctor, an attendance without a doctor listed with its reason, the kind of
// certificate by primary type, file names safe for any name, --doctor by Contact Id (15 or 18) or HCP
// key, and register cells a spreadsheet cannot run as formulas.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  certificateFile,
  fileSlug,
  namesDoctor,
  planCertificates,
  registerRow,
  REGISTER_COLUMNS,
} from '../src/certificates/plan.ts';
import type { CertificateAttendance, CertificateData, CertificateDoctor } from '../src/certificates/read.ts';
import { csvRow } from '../src/report/csv.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const SHA = 'b'.repeat(64);

const doctor = (id: string, last: string, extra: Partial<CertificateDoctor> = {}): CertificateDoctor => ({
  Id: id,
  Name: `Dr. ${last}`,
  FirstName: 'Asha',
  LastName: last,
  CME_Primary_Type__c: 'Medical Doctor',
  CME_HCP_Key__c: `HCP-${id.slice(12, 15)}`,
  ...extra,
});

const attendance = (id: string, who: CertificateDoctor | null, minutes: number): CertificateAttendance => ({
  Id: id,
  Event__c: 'a01000000000001AAA',
  Doctor__c: who?.Id ?? null,
  doctor: who,
  Sign_In_Method__c: 'E-Signature',
  Signature_SHA256__c: SHA,
  Minutes_Attended__c: minutes,
});

function data(rows: CertificateAttendance[]): CertificateData {
  return {
    event: {
      Id: 'a01000000000001AAA',
      Event_Key__c: 'EVT-00007',
      Name: 'Lipids',
      Status__c: 'Completed',
      Accredited__c: true,
      Accreditation_Provider__c: 'Provider',
      Accreditation_Credits__c: 2,
    },
    attendance: rows,
    evidenceMinimumMinutes: 30,
    rulePackCode: 'IN-UCPMP-2024',
  };
}

describe('the certificate plan', () => {
  it('certifies a doctor once, on the attendance that earns most, and says why the other does not count', () => {
    const rao = doctor('003000000000001AAA', 'Rao');
    const plan = planCertificates(
      data([attendance('a02000000000001AAA', rao, 40), attendance('a02000000000002AAA', rao, 95)]),
      NOW,
    );
    assert.equal(plan.eligible, 1);
    const [kept, other] = [...plan.entries].sort((a, b) => (a.certificate ? -1 : b.certificate ? 1 : 0));
    assert.equal(kept.attendance.Id, 'a02000000000002AAA');
    assert.equal(kept.outcome.credits, 1.5);
    assert.equal(other.reason, 'duplicate-attendance');
    assert.match(other.detail ?? '', /\(a02000000000002AAA\) carries the certificate/);
  });

  it('lists an attendance without a doctor, and orders the register by last name', () => {
    const plan = planCertificates(
      data([
        attendance('a02000000000003AAA', doctor('003000000000003AAA', 'Zutshi'), 60),
        attendance('a02000000000004AAA', null, 60),
        attendance('a02000000000005AAA', doctor('003000000000005AAA', 'Ávila'), 60),
      ]),
      NOW,
    );
    assert.deepEqual(
      plan.entries.map((e) => e.doctor?.LastName ?? null),
      [null, 'Ávila', 'Zutshi'],
    );
    assert.equal(plan.entries[0].reason, 'no-doctor');
    assert.equal(plan.eligible, 2);
    assert.equal(plan.notEligible, 1);
  });

  it('gives physicians the credit certificate and other learners the certificate of participation', () => {
    const plan = planCertificates(
      data([
        attendance('a02000000000006AAA', doctor('003000000000006AAA', 'Das'), 60),
        attendance(
          'a02000000000007AAA',
          doctor('003000000000007AAA', 'Eapen', { CME_Primary_Type__c: 'Pharmacist' }),
          60,
        ),
      ]),
      NOW,
    );
    assert.deepEqual(
      plan.entries.map((e) => e.certificate?.kind),
      ['physician', 'participant'],
    );
    assert.deepEqual(
      plan.entries.map((e) => e.certificate?.id),
      ['EVT-00007-HCP-006', 'EVT-00007-HCP-007'],
    );
  });

  it('names files after the doctor in ASCII, with the Id keeping them apart', () => {
    assert.equal(fileSlug('Müller-Šimić, Łukasz Ørsted'), 'muller-simic-ukasz-rsted');
    assert.equal(
      certificateFile(doctor('003000000000008AAA', 'Ñúñez Gómez')),
      'certificates/nunez-gomez-asha-003000000000008AAA.pdf',
    );
    assert.equal(
      certificateFile({ Id: '003000000000009AAA', Name: 'श्रीनिवास' }),
      'certificates/003000000000009AAA.pdf',
    );
  });

  it('finds a --doctor by 18- or 15-character Contact Id, or by HCP key', () => {
    const d = doctor('003000000000010AAA', 'Iyer', { CME_HCP_Key__c: 'HCP-000010' });
    assert.equal(namesDoctor('003000000000010AAA', d), true);
    assert.equal(namesDoctor('003000000000010', d), true);
    assert.equal(namesDoctor('HCP-000010', d), true);
    assert.equal(namesDoctor('003000000000011AAA', d), false);
    assert.equal(namesDoctor('00300000000001', d), false);
  });

  it('writes register cells a spreadsheet cannot run, and every column for every row', () => {
    const evil = doctor('003000000000012AAA', 'Hack', { Name: '=HYPERLINK("http://x")' });
    const plan = planCertificates(data([attendance('a02000000000012AAA', evil, 10)]), NOW);
    const row = registerRow(plan.entries[0], {
      physician: 'AMA PRA Category 1 Credits™',
      participant: 'Participation',
    });
    assert.equal(row.length, REGISTER_COLUMNS.length);
    const line = csvRow(row);
    assert.ok(line.includes(`"'=HYPERLINK(""http://x"")"`), line);
    assert.ok(line.includes(',false,0,'), 'not eligible, 0 credits');
    assert.ok(line.includes('under-one-step'), line);
  });
});
