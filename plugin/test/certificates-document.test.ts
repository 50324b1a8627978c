// A certificate's words and its PDF: the name, the credits claimed and the designation statement with
// the event's maximum are in the page's text (read back from the bytes); ₹, €, ™, accents and Indian
// names print in the embedded DejaVu font; a long title wraps instead of running off the page; the
// physician's and the other learner's wording come from the data file; the data file's schema refuses
// an unknown {placeholder}.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { certificatesConfigRoots, loadCertificatesConfig } from '../src/certificates/config.ts';
import {
  certificateContent,
  eventDates,
  eventLocation,
  fillTemplate,
  writeCertificatePdf,
} from '../src/certificates/document.ts';
import type { CertificateFacts } from '../src/certificates/document.ts';
import { CertificateError } from '../src/certificates/errors.ts';
import type { CertificateDoctor, CertificateEvent } from '../src/certificates/read.ts';
import { missingGlyphs } from '../src/pdf/fonts.ts';
import { certificatesConfigSchema } from '../src/schema/certificates.ts';
import { ROOT } from './localOrg.ts';
import { pageText, readPdf } from './pdf-read.ts';

const { config } = loadCertificatesConfig([path.join(ROOT, 'config', 'certificates')]);

const event: CertificateEvent = {
  Id: 'a01000000000001AAA',
  Event_Key__c: 'EVT-00042',
  Name: 'Heart failure with preserved ejection fraction: what the 2026 guidelines change for ₹ and € budgets',
  Format__c: 'Hybrid',
  Status__c: 'Completed',
  Start__c: '2026-05-09T23:30:00.000Z',
  End__c: '2026-05-10T12:00:00.000Z',
  Time_Zone__c: 'Asia/Kolkata',
  Venue__c: 'Taj Lands End',
  City__c: 'Mumbai',
  State__c: 'MH',
  Country__c: 'IN',
  Accredited__c: true,
  Accreditation_Provider__c: 'Indian Academy of Cardiology — CME Board',
  Accreditation_Credits__c: 3,
};

const doctor: CertificateDoctor = {
  Id: '003000000000001AAA',
  Name: 'Dr. Sreelakshmi Venkataraghavan Iyer-Müller',
  FirstName: 'Sreelakshmi',
  LastName: 'Venkataraghavan Iyer-Müller',
  CME_Primary_Type__c: 'Medical Doctor',
  CME_Registration_Number__c: 'MMC-2011-04567',
  CME_Registration_Council__c: 'Maharashtra Medical Council',
  CME_HCP_Key__c: 'HCP-000042',
};

const facts = (extra: Partial<CertificateFacts> = {}): CertificateFacts => ({
  event,
  doctor,
  kind: 'physician',
  credits: 1.75,
  id: 'EVT-00042-HCP-000042',
  issuedOn: '2026-05-20',
  ...extra,
});

describe('a certificate', () => {
  it('states the credits claimed and the designation with the event maximum, from the data file', () => {
    const content = certificateContent(config, facts());
    assert.equal(content.title, 'Certificate of CME credit');
    assert.equal(content.name, 'Dr. Sreelakshmi Venkataraghavan Iyer-Müller');
    assert.equal(content.claimed, 'participated in the activity below and claimed 1.75 AMA PRA Category 1 Credits™.');
    assert.equal(
      content.designation,
      'Indian Academy of Cardiology — CME Board designates this live activity for a maximum of 3 AMA PRA Category 1 Credits™. Physicians should claim only the credit commensurate with the extent of their participation in the activity.',
    );
    assert.equal(content.identifiers, 'Registration no. MMC-2011-04567 (Maharashtra Medical Council)');
    assert.equal(content.activity, event.Name);
    assert.deepEqual(Object.fromEntries(content.facts), {
      'Accredited provider': 'Indian Academy of Cardiology — CME Board',
      Format: 'Live activity (Hybrid)',
      Location: 'Taj Lands End, Mumbai, MH, IN; Online',
      // 23:30 UTC on 9 May is 10 May in India: the dates are the event's own.
      'Date(s)': '10 May 2026',
      'Credits claimed': '1.75 AMA PRA Category 1 Credits™',
    });
    assert.equal(content.footer, 'Certificate EVT-00042-HCP-000042 · Issued 2026-05-20');
  });

  it('uses the singular for exactly one credit, and the participation wording for other learners', () => {
    const one = certificateContent(config, facts({ credits: 1, event: { ...event, Accreditation_Credits__c: 1 } }));
    assert.match(one.claimed, /claimed 1 AMA PRA Category 1 Credit™\.$/);
    assert.match(one.designation, /maximum of 1 AMA PRA Category 1 Credit™\./);
    const nurse = certificateContent(
      config,
      facts({ kind: 'participant', credits: 2.5, doctor: { ...doctor, CME_Primary_Type__c: 'Nurse Practitioner' } }),
    );
    assert.equal(nurse.title, 'Certificate of participation');
    assert.equal(nurse.claimed, 'participated in the activity below for 2.5 hours of participation.');
    assert.match(nurse.designation, /designated by .* for a maximum of 3 AMA PRA Category 1 Credits™\.$/);
    assert.doesNotMatch(nurse.claimed, /claimed/);
    assert.deepEqual(nurse.facts.at(-1), ['Participation', '2.5 hours of participation']);
  });

  it('prints dates across days, a virtual location, and the NPI of a US doctor', () => {
    assert.equal(
      eventDates({ ...event, Time_Zone__c: 'America/New_York', End__c: '2026-05-12T20:00:00.000Z' }),
      '9 May 2026 – 12 May 2026',
    );
    // A time zone that is not one prints in UTC rather than failing.
    assert.equal(eventDates({ ...event, Time_Zone__c: 'Mars/Olympus' }), '9 May 2026 – 10 May 2026');
    assert.equal(eventLocation({ ...event, Format__c: 'Virtual' }, 'Online'), 'Online');
    assert.equal(
      eventLocation({ ...event, Format__c: 'In-Person', State__c: null }, 'Online'),
      'Taj Lands End, Mumbai, IN',
    );
    const us = certificateContent(
      config,
      facts({ doctor: { ...doctor, CME_NPI__c: '1234567893', CME_Registration_Number__c: null } }),
    );
    assert.equal(us.identifiers, 'NPI 1234567893');
  });

  it('knows which characters its font cannot print', () => {
    assert.deepEqual(missingGlyphs('Dr. Łukasz Müller ₹1,000 € ™ Ørsted Жанна'), []);
    assert.deepEqual(missingGlyphs('Riya श्री श्री'), ['श', '्', 'र', 'ी']);
  });

  it('fills only the placeholders it knows', () => {
    assert.equal(
      fillTemplate('{provider} gives {credits} {unknown}', { provider: 'P', credits: '2' }),
      'P gives 2 {unknown}',
    );
  });

  it('is a one-page landscape PDF holding the name, the credits and the statement in the embedded font', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-certificate-'));
    try {
      const file = path.join(dir, 'certificate.pdf');
      const content = certificateContent(config, facts());
      await writeCertificatePdf(file, content, { creationDate: new Date('2026-05-20T00:00:00Z'), compress: false });
      const bytes = fs.readFileSync(file);
      const pdf = readPdf(bytes);
      assert.equal(pdf.pages.length, 1);
      assert.match(bytes.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/, 'A4 landscape');
      assert.doesNotMatch(bytes.toString('latin1'), /\/BaseFont \/(Helvetica|Times|Courier)/);
      for (const font of pdf.fonts) assert.match(font.baseFont, /^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
      const text = pageText(pdf.pages[0]);
      // pdfkit ends a wrapped line with its space: words are one space apart once lines are joined.
      const flat = text.replace(/\s+/g, ' ');
      assert.ok(text.includes('Dr. Sreelakshmi Venkataraghavan Iyer-Müller'), text);
      assert.ok(flat.includes('claimed 1.75 AMA PRA Category 1 Credits™'), flat);
      assert.ok(flat.includes('for a maximum of 3 AMA PRA Category 1 Credits™'), flat);
      assert.ok(flat.includes('Physicians should claim only the credit commensurate'), flat);
      assert.ok(flat.includes('₹ and €'), 'the rupee and euro signs print');
      assert.ok(text.includes('Certificate EVT-00042-HCP-000042 · Issued 2026-05-20'), 'the footer');
      // The long title wraps: its words are on more than one line of the page, none cut.
      const titleRuns = pdf.pages[0].filter((run) => run.size === 16);
      assert.ok(titleRuns.length >= 2, `the title wraps over lines: ${titleRuns.map((r) => r.text).join(' | ')}`);
      assert.equal(titleRuns.map((r) => r.text.trim()).join(' '), event.Name);
      assert.ok(!text.includes('\uFFFD'), 'every glyph maps back to its character');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the certificates data file', () => {
  it('is found in the project config folder and marks the participant wording unconfirmed', () => {
    const roots = certificatesConfigRoots(undefined, ROOT);
    assert.equal(loadCertificatesConfig(roots).file, path.join(ROOT, 'config', 'certificates', 'certificates.json'));
    assert.equal(config.certificates.participant.unconfirmed, true);
    assert.equal(config.certificates.physician.unconfirmed, false);
    assert.ok(config.sources.some((s) => s.startsWith('UNCONFIRMED')));
  });

  it('refuses an unknown placeholder and a missing learning format, naming the path', () => {
    const bad = structuredClone(config) as Record<string, unknown> & typeof config;
    bad.certificates.physician.claimed = 'claimed {credit}';
    delete (bad.learningFormats as Record<string, string>).Hybrid;
    const parsed = certificatesConfigSchema.safeParse(bad);
    assert.equal(parsed.success, false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    assert.deepEqual(paths.sort(), ['certificates.physician.claimed', 'learningFormats']);
  });

  it('stops with BadCertificatesConfig when the file is missing or not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cme-certificates-config-'));
    try {
      assert.throws(
        () => loadCertificatesConfig([dir]),
        (e: unknown) =>
          e instanceof CertificateError &&
          e.code === 'BadCertificatesConfig' &&
          /No certificates\.json/.test(e.message),
      );
      fs.writeFileSync(path.join(dir, 'certificates.json'), '{ not json');
      assert.throws(
        () => loadCertificatesConfig([dir]),
        (e: unknown) => e instanceof CertificateError && /not readable JSON/.test(e.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
