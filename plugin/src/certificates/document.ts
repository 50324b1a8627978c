// One certificate: its words built from the event, the attendee, the credits and the data file's
// texts (certificateContent, pure), then drawn as a one-page landscape PDF through the product's PDF
// layer, so the DejaVu font renders ₹, €, ™, accents and Indian names, and long titles wrap.
import fs from 'node:fs';
import { eventZone, formatCredits } from '../domain/cmeDomain.ts';
import type { EventFormat } from '../domain/cmeDomain.ts';
import { centred, keyValues } from '../pdf/blocks.ts';
import { createPdf, finishPdf } from '../pdf/document.ts';
import type { Pdf } from '../pdf/document.ts';
import { STYLE } from '../pdf/style.ts';
import type { CertificateKind, CertificatesConfig } from '../schema/certificates.ts';
import type { CertificateDoctor, CertificateEvent } from './read.ts';

export interface CertificateContent {
  /** The PDF's title (document info) and the page's heading. */
  title: string;
  awarded: string;
  name: string;
  /** NPI and registration number, when the doctor has them. */
  identifiers: string;
  claimed: string;
  /** The activity's title, printed large under the claim (it wraps when long). */
  activity: string;
  facts: [string, string][];
  designation: string;
  footer: string;
}

/** `one` for exactly 1, `other` for any other amount (0.75 credits, 2 credits). */
const plural = (amount: number, names: { one: string; other: string }) => (amount === 1 ? names.one : names.other);

/** {name} → its value; the schema allows only known names, so none is left over. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** "14 March 2027", or "14 March 2027 – 15 March 2027", in the event's own time zone. */
export function eventDates(event: CertificateEvent): string {
  const format = new Intl.DateTimeFormat('en-GB', {
    // The build refuses a Time_Zone__c Intl does not know; a blank one is UTC.
    timeZone: eventZone(event),
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const day = (value: string | null | undefined) => (value ? format.format(new Date(value)) : '');
  const [start, end] = [day(event.Start__c), day(event.End__c)];
  if (!start) return end;
  return end && end !== start ? `${start} – ${end}` : start;
}

/** The venue and its place; "Online" for a virtual event, the venue and "Online" for a hybrid one. */
export function eventLocation(event: CertificateEvent, online: string): string {
  const place = [event.Venue__c, event.City__c, event.State__c, event.Country__c]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(', ');
  if (event.Format__c === 'Virtual') return online;
  if (event.Format__c === 'Hybrid') return place ? `${place}; ${online}` : online;
  return place;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface CertificateFacts {
  event: CertificateEvent;
  doctor: CertificateDoctor;
  kind: CertificateKind;
  credits: number;
  id: string;
  /** The day the certificate is issued, as printed (YYYY-MM-DD). */
  issuedOn: string;
}

/** Every word of one certificate. */
export function certificateContent(config: CertificatesConfig, facts: CertificateFacts): CertificateContent {
  const { event, doctor, kind, credits } = facts;
  const texts = config.certificates[kind];
  const labels = config.labels;
  const maximum = event.Accreditation_Credits__c ?? 0;
  const format: EventFormat = event.Format__c ?? 'In-Person';
  const learningFormat = config.learningFormats[format] ?? config.learningFormats['In-Person'];
  const values = {
    provider: event.Accreditation_Provider__c?.trim() || '',
    learningFormat,
    maximum: formatCredits(maximum),
    maximumCreditName: plural(maximum, texts.maximumCreditName ?? texts.creditName),
    credits: formatCredits(credits),
    creditName: plural(credits, texts.creditName),
  };
  const identifiers = [
    doctor.CME_NPI__c ? `${labels.npi} ${doctor.CME_NPI__c}` : '',
    doctor.CME_Registration_Number__c
      ? `${labels.registration} ${doctor.CME_Registration_Number__c}${doctor.CME_Registration_Council__c ? ` (${doctor.CME_Registration_Council__c})` : ''}`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const creditsLabel = kind === 'physician' ? labels.credits : labels.hours;
  return {
    title: texts.title,
    awarded: texts.awarded,
    name: doctor.Name?.trim() || [doctor.FirstName, doctor.LastName].filter(Boolean).join(' '),
    identifiers,
    claimed: fillTemplate(texts.claimed, values),
    activity: event.Name?.trim() || event.Event_Key__c || event.Id,
    facts: [
      [labels.provider, values.provider],
      [labels.format, `${capitalise(learningFormat)} (${format})`],
      [labels.location, eventLocation(event, labels.online)],
      [labels.dates, eventDates(event)],
      [creditsLabel, `${values.credits} ${values.creditName}`],
    ],
    designation: fillTemplate(texts.designation, values),
    footer: `${labels.identifier} ${facts.id} · ${labels.issued} ${facts.issuedOn}`,
  };
}

/** A double rule around the page, inside the margin: the certificate's frame. */
function frame(doc: Pdf): void {
  // Inside the footer (written at half the bottom margin), so the page number line stays clear of it.
  const inset = STYLE.margin / 4;
  const [width, height] = [doc.page.width, doc.page.height];
  doc.save();
  doc
    .lineWidth(2)
    .rect(inset, inset, width - 2 * inset, height - 2 * inset)
    .stroke(STYLE.accent);
  doc
    .lineWidth(0.5)
    .rect(inset + 5, inset + 5, width - 2 * inset - 10, height - 2 * inset - 10)
    .stroke(STYLE.accent);
  doc.restore();
}

/** The facts sit in the middle of the page, under the centred lines, not against the left margin. */
const FACTS_INDENT = 110;

/** Draws with the margins moved in by `inset` on both sides, then puts them back. */
function indented(doc: Pdf, inset: number, draw: () => void): void {
  const { left, right } = doc.page.margins;
  doc.page.margins.left = left + inset;
  doc.page.margins.right = right + inset;
  try {
    draw();
  } finally {
    doc.page.margins.left = left;
    doc.page.margins.right = right;
    doc.x = left;
  }
}

/** Writes one certificate to `file` as a one-page landscape PDF; resolves when every byte is on disk. */
export async function writeCertificatePdf(
  file: string,
  content: CertificateContent,
  info: { creationDate?: Date; compress?: boolean } = {},
): Promise<void> {
  const doc = createPdf(
    { title: `${content.title} — ${content.name}`, subject: content.claimed, creationDate: info.creationDate },
    { layout: 'landscape', compress: info.compress },
  );
  frame(doc);
  doc.moveDown(5);
  centred(doc, content.title, { size: 26, bold: true, color: STYLE.accent });
  doc.moveDown(1.2);
  centred(doc, content.awarded, { size: 12, color: STYLE.muted });
  doc.moveDown(0.4);
  centred(doc, content.name, { size: 22, bold: true });
  if (content.identifiers) centred(doc, content.identifiers, { size: 10, color: STYLE.muted });
  doc.moveDown(0.6);
  centred(doc, content.claimed, { size: 13 });
  doc.moveDown(0.6);
  centred(doc, content.activity, { size: 16, bold: true, color: STYLE.accent });
  doc.moveDown(1.5);
  indented(doc, FACTS_INDENT, () => keyValues(doc, content.facts, { labelWidth: 170, size: 11 }));
  doc.moveDown(1.5);
  centred(doc, content.designation, { size: 10, color: STYLE.muted });
  await finishPdf(doc, fs.createWriteStream(file), () => content.footer);
}
