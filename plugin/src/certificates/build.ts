// `sf cme certificates`, stage by stage: the data file first (a bad one fails before the org is
// read), the output folder checked and a staging folder made beside it (the audit pack's
// prepareOutput), the event read and judged (unknown, not accredited, not held: an error and nothing
// written), its attendance read, each attendee's credit decided (plan.ts), one PDF per certificate,
// the credit register of every attendee, then the BagIt tag files; the staging folder is renamed into
// place only when all of it is written, so a failed run leaves nothing behind.
//
// An event where nobody is eligible still gets its bag, with the register alone: it is the record of
// who attended and why each earned nothing, which the accredited provider keeps as much as the
// certificates (result.counts.certificates is 0 and the command warns). --doctor is a reissue: only
// those doctors' rows and certificates, and each must have attended and be eligible.
import fs from 'node:fs';
import path from 'node:path';
import {
  calendarDayIn,
  eventCreditProblem,
  eventCreditProblemText,
  eventZone,
  formatCredits,
} from '../domain/cmeDomain.ts';
import type { OrgApi } from '../org/api.ts';
import { missingGlyphs } from '../pdf/fonts.ts';
import { writeBag } from '../report/bagit.ts';
import type { BagFile } from '../report/bagit.ts';
import { CsvFile, prepareOutput } from '../report/files.ts';
import { bagInfoOf } from '../report/summary.ts';
import type { ReportRunOptions } from '../report/types.ts';
import type { CertificateKind } from '../schema/certificates.ts';
import { isTimeZone } from '../schema/evaluationsImport.ts';
import { loadCertificatesConfig } from './config.ts';
import type { LoadedCertificatesConfig } from './config.ts';
import { certificateContent, writeCertificatePdf } from './document.ts';
import { CertificateError } from './errors.ts';
import { REGISTER_COLUMNS, namesDoctor, planCertificates, registerRow } from './plan.ts';
import type { CertificateEntry, CertificatePlan } from './plan.ts';
import { readCertificateAttendance, readCertificateEvent } from './read.ts';
import type { CertificateData, CertificateEvent } from './read.ts';

export const REGISTER_FILE = 'credit-register.csv';

export interface CertificatesOptions extends ReportRunOptions {
  /** Event_Key__c or record Id. */
  event: string;
  /** Reissue: only these doctors (Contact Id or CME_HCP_Key__c). */
  doctors?: readonly string[];
  /** Folders that may hold certificates.json, the first that has it wins. */
  configRoots: readonly string[];
  /** PDF streams uncompressed (tests read the text). */
  compressPdf?: boolean;
}

/** A type, not an interface, so it passes as bag-info's Record<string, number>. */
export type CertificateCounts = {
  /** Attendance records in the register. */
  attendees: number;
  certificates: number;
  physicians: number;
  participants: number;
  notEligible: number;
};

export interface IssuedCertificate {
  doctorId: string;
  name: string;
  kind: CertificateKind;
  credits: number;
  id: string;
  /** Under the bag: data/certificates/<name>-<id>.pdf. */
  file: string;
}

export interface NotEligible {
  attendanceId: string;
  doctorId: string | null;
  name: string | null;
  reason: string;
  detail: string;
}

/** A certificate with characters the embedded font cannot print (a name in Devanagari, say). */
export interface UnprintableText {
  doctorId: string;
  name: string;
  characters: string[];
}

export interface CertificatesResult {
  outputDir: string;
  event: { id: string; key: string | null; name: string | null; designatedCredits: number; provider: string | null };
  certificates: IssuedCertificate[];
  notEligible: NotEligible[];
  /** Certificates written with characters the font lacks: check and correct those Contacts' names. */
  unprintable: UnprintableText[];
  /**
   * The data file's notes on wording no primary source confirmed (certificates.json `unconfirmed`),
   * when this run issued a certificate of a kind marked unconfirmed (the certificate of participation);
   * empty otherwise. disclosure.md: say so in the output's notes.
   */
  unconfirmed: string[];
  counts: CertificateCounts;
  files: BagFile[];
  /** The data file the texts came from. */
  configFile: string;
  apiCalls: number;
}

/** The event must give credit at all; else an error naming why, before any folder is made. */
function requireCreditEvent(event: CertificateEvent, now: number): void {
  const problem = eventCreditProblem(event, now);
  const name = `${event.Name ?? event.Id} (${event.Event_Key__c ?? event.Id})`;
  // The certificate prints the event's dates and the day of issue in its zone: a mistyped zone would
  // print UTC days (a day off in India or the US) on a record kept six years, so it is refused.
  if (!problem && event.Time_Zone__c?.trim() && !isTimeZone(event.Time_Zone__c.trim()))
    throw new CertificateError(
      'UnknownTimeZone',
      `No certificates for ${name}: its Time_Zone__c "${event.Time_Zone__c}" is not an IANA time zone, so its dates cannot be printed.`,
      [`Time_Zone__c=${event.Time_Zone__c}`],
    );
  if (!problem) return;
  const text = eventCreditProblemText(problem);
  if (problem === 'not-accredited' || problem === 'no-designated-credits')
    throw new CertificateError('NotAccredited', `No CME credit for ${name}: ${text}.`, [
      `Accredited__c=${String(event.Accredited__c ?? false)}`,
      `Accreditation_Credits__c=${event.Accreditation_Credits__c ?? 'blank'}`,
    ]);
  throw new CertificateError('NotHeld', `No certificates for ${name} yet: ${text}.`, [
    `Status__c=${event.Status__c ?? 'blank'}`,
    `End__c=${event.End__c ?? 'blank'}`,
  ]);
}

/** --doctor: only the doctors named, each an attendee with a certificate; else an error. */
function chooseDoctors(plan: CertificatePlan, doctors: readonly string[] | undefined): CertificateEntry[] {
  if (!doctors?.length) return plan.entries;
  const unknown = doctors.filter((ref) => !plan.entries.some((e) => e.doctor && namesDoctor(ref, e.doctor)));
  if (unknown.length)
    throw new CertificateError(
      'UnknownDoctor',
      `Not an attendee of this event: ${unknown.join(', ')}.`,
      plan.entries.flatMap((e) =>
        e.doctor ? [`${e.doctor.Name ?? ''} ${e.doctor.CME_HCP_Key__c ?? e.doctor.Id}`] : [],
      ),
    );
  const chosen = plan.entries.filter((e) => e.doctor && doctors.some((ref) => namesDoctor(ref, e.doctor!)));
  const certified = new Set(chosen.filter((e) => e.certificate).map((e) => e.doctor!.Id));
  const refused = chosen.filter((e) => !certified.has(e.doctor!.Id));
  if (refused.length)
    throw new CertificateError(
      'DoctorNotEligible',
      `No certificate for ${refused.map((e) => `${e.doctor?.Name ?? e.attendance.Id}: ${e.detail}`).join('; ')}.`,
      refused.map((e) => `${e.doctor?.Name ?? ''}: ${e.reason}`),
    );
  return chosen;
}

function counted(entries: readonly CertificateEntry[]): CertificateCounts {
  const issued = entries.filter((e) => e.certificate);
  return {
    attendees: entries.length,
    certificates: issued.length,
    physicians: issued.filter((e) => e.certificate?.kind === 'physician').length,
    participants: issued.filter((e) => e.certificate?.kind === 'participant').length,
    notEligible: entries.length - issued.length,
  };
}

export async function buildCertificates(api: OrgApi, options: CertificatesOptions): Promise<CertificatesResult> {
  const progress = options.onProgress ?? (() => {});
  const loaded = loadCertificatesConfig(options.configRoots);
  const generated = (options.now ?? (() => new Date()))();
  progress(`Reading event ${options.event}`);
  const event = await readCertificateEvent(api, options.event);
  if (!event)
    throw new CertificateError('UnknownEvent', `No CME event has the key or Id "${options.event}".`, [options.event]);
  requireCreditEvent(event, generated.getTime());
  const read = await readCertificateAttendance(api, event);
  if (!read.attendance.length)
    throw new CertificateError(
      'NoAttendance',
      `${event.Name ?? event.Id} (${event.Event_Key__c ?? event.Id}) has no attendance records: nothing to certify yet.`,
      [event.Event_Key__c ?? event.Id],
    );
  const data: CertificateData = { event, ...read };
  const entries = chooseDoctors(planCertificates(data, generated.getTime()), options.doctors);
  const staging = prepareOutput(options.outputDir);
  try {
    const result = await writeInto(staging, data, entries, loaded, generated, options, progress);
    fs.renameSync(staging, options.outputDir);
    return { ...result, outputDir: options.outputDir, apiCalls: api.calls };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

async function writeInto(
  staging: string,
  data: CertificateData,
  entries: readonly CertificateEntry[],
  loaded: LoadedCertificatesConfig,
  generated: Date,
  options: CertificatesOptions,
  progress: (message: string) => void,
): Promise<Omit<CertificatesResult, 'outputDir' | 'apiCalls'>> {
  const { config } = loaded;
  const { event } = data;
  const work = path.join(staging, 'data');
  fs.mkdirSync(path.join(work, 'certificates'), { recursive: true });
  // The day of issue on the event's calendar (UTC without a zone): a run at 00:30 in Mumbai is that day.
  const issuedOn = calendarDayIn(generated.getTime(), eventZone(event));
  const certificates: IssuedCertificate[] = [];
  const unprintable: UnprintableText[] = [];
  const issued = entries.filter((e) => e.certificate);
  for (const [i, entry] of issued.entries()) {
    const certificate = entry.certificate!;
    const doctor = entry.doctor!;
    if (i % 25 === 0) progress(`Writing certificate ${i + 1} of ${issued.length}`);
    const content = certificateContent(config, {
      event,
      doctor,
      kind: certificate.kind,
      credits: entry.outcome.credits,
      id: certificate.id,
      issuedOn,
    });
    const characters = missingGlyphs([content.name, content.activity, ...content.facts.map(([, v]) => v)].join(' '));
    if (characters.length) unprintable.push({ doctorId: doctor.Id, name: content.name, characters });
    await writeCertificatePdf(path.join(work, certificate.file), content, {
      creationDate: generated,
      compress: options.compressPdf,
    });
    certificates.push({
      doctorId: doctor.Id,
      name: content.name,
      kind: certificate.kind,
      credits: entry.outcome.credits,
      id: certificate.id,
      file: `data/${certificate.file}`,
    });
  }
  progress('Writing the credit register');
  const creditTypes = {
    physician: config.certificates.physician.creditName.other,
    participant: config.certificates.participant.title,
  };
  const register = new CsvFile(path.join(work, REGISTER_FILE), REGISTER_COLUMNS);
  for (const entry of entries) register.add(registerRow(entry, creditTypes));
  register.close();
  const counts = counted(entries);
  const unconfirmed = unconfirmedNotes(config, certificates);
  progress('Writing the BagIt manifest');
  const info = bagInfo(options, data, loaded, counts, generated, unconfirmed);
  const files = writeBag(staging, info, new Map([[REGISTER_FILE, register.sha256]]));
  return {
    event: {
      id: event.Id,
      key: event.Event_Key__c ?? null,
      name: event.Name ?? null,
      designatedCredits: event.Accreditation_Credits__c ?? 0,
      provider: event.Accreditation_Provider__c ?? null,
    },
    certificates,
    notEligible: entries
      .filter((e) => !e.certificate)
      .map((e) => ({
        attendanceId: e.attendance.Id,
        doctorId: e.doctor?.Id ?? null,
        name: e.doctor?.Name ?? null,
        reason: e.reason ?? '',
        detail: e.detail ?? '',
      })),
    unprintable,
    unconfirmed,
    counts,
    files,
    configFile: loaded.file,
  };
}

/** The data file's unconfirmed notes, when a certificate of a kind it marks unconfirmed was issued. */
export function unconfirmedNotes(
  config: LoadedCertificatesConfig['config'],
  issued: readonly Pick<IssuedCertificate, 'kind'>[],
): string[] {
  const kinds = new Set(issued.map((c) => c.kind));
  return [...kinds].some((kind) => config.certificates[kind].unconfirmed) ? [...config.unconfirmed] : [];
}

function addYears(date: Date, years: number): string {
  const later = new Date(date.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later.toISOString().slice(0, 10);
}

function bagInfo(
  options: CertificatesOptions,
  data: CertificateData,
  loaded: LoadedCertificatesConfig,
  counts: CertificateCounts,
  generated: Date,
  unconfirmed: readonly string[],
): Record<string, string> {
  const { event } = data;
  const key = event.Event_Key__c ?? event.Id;
  const maximum = formatCredits(event.Accreditation_Credits__c ?? 0);
  return bagInfoOf(options, generated.toISOString(), counts, {
    'External-Identifier': `cme-certificates-${options.identity.orgId}-${key}${options.doctors?.length ? '-reissue' : ''}`,
    'External-Description': `CME credit certificates and credit register for ${event.Name ?? key} (${key}), ${event.Start__c ?? ''} to ${event.End__c ?? ''}`,
    'CME-Event': `${key} ${event.Id} ${event.Name ?? ''}`,
    'CME-Accreditation-Provider': event.Accreditation_Provider__c ?? '',
    'CME-Designated-Credits': maximum,
    'CME-Evaluation-Required': String(event.Evaluation_Required__c ?? false),
    'CME-Evidence-Rule-Pack': data.rulePackCode ?? 'none',
    ...(options.doctors?.length ? { 'CME-Reissue-Doctors': options.doctors.join(' ') } : {}),
    'CME-Certificates-Config': `${path.basename(loaded.file)} version ${loaded.config.version}`,
    'CME-Unconfirmed': unconfirmed.length ? unconfirmed.join(' ') : 'none',
    // Accredited providers keep attendance and credit records at least six years (disclosure.md).
    'CME-Retain-Until': addYears(generated, loaded.config.retentionYears),
  });
}
