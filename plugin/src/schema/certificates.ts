// What `sf cme certificates` is asked for (its flags) and the certificates' data file
// (config/certificates/certificates.json): the designation statement, the credit names and the
// certificate texts of physicians and of other learners. The wording for learners who are not
// physicians is not confirmed by a primary source (disclosure.md), so every text is data a CME office
// aligns with its accredited provider's, never code; the schema makes sure each text names only facts
// the certificate has.
import { z } from 'zod';
import type { EventFormat } from '../domain/cmeDomain.ts';

/** The facts a certificate text may name, written {name} in the data file. */
export const CERTIFICATE_PLACEHOLDERS = [
  'provider',
  'learningFormat',
  'maximum',
  'maximumCreditName',
  'credits',
  'creditName',
] as const;
export type CertificatePlaceholder = (typeof CERTIFICATE_PLACEHOLDERS)[number];

const EVENT_FORMATS: readonly EventFormat[] = ['In-Person', 'Virtual', 'Hybrid'];

const text = z.string().trim().min(1, 'a text is needed');

/** A text whose {placeholders} are all known. */
const template = text.refine(
  (value) =>
    [...value.matchAll(/\{([^}]*)\}/g)].every((m) => (CERTIFICATE_PLACEHOLDERS as readonly string[]).includes(m[1])),
  { message: `a {placeholder} must be one of ${CERTIFICATE_PLACEHOLDERS.join(', ')}` },
);

/** A name in the singular (exactly 1) and the plural (any other number: 0.75, 1.5, 2). */
const creditName = z.object({ one: text, other: text }).strict();

const certificateKind = z
  .object({
    creditName,
    /** The name of the designated maximum's credit; default creditName. */
    maximumCreditName: creditName.optional(),
    title: text,
    awarded: text,
    claimed: template,
    designation: template,
    unconfirmed: z.boolean(),
  })
  .strict();

/** The words a certificate prints beside its facts. */
export const CERTIFICATE_LABEL_KEYS = [
  'provider',
  'format',
  'location',
  'dates',
  'credits',
  'hours',
  'identifier',
  'issued',
  'npi',
  'registration',
  'online',
] as const;

const labels = z
  .object(
    Object.fromEntries(CERTIFICATE_LABEL_KEYS.map((key) => [key, text])) as Record<
      (typeof CERTIFICATE_LABEL_KEYS)[number],
      typeof text
    >,
  )
  .strict();

export const certificatesConfigSchema = z
  .object({
    version: text,
    sources: z.array(text).min(1, 'name where the wording comes from'),
    unconfirmed: z.array(text),
    retentionYears: z.number().int().min(1),
    learningFormats: z.record(z.string(), text).refine((formats) => EVENT_FORMATS.every((f) => f in formats), {
      message: `a learning format for each of ${EVENT_FORMATS.join(', ')}`,
    }),
    labels,
    certificates: z.object({ physician: certificateKind, participant: certificateKind }).strict(),
  })
  .strict();

export type CertificatesConfig = z.infer<typeof certificatesConfigSchema>;
export type CertificateKindConfig = CertificatesConfig['certificates']['physician'];
export type CertificateLabels = CertificatesConfig['labels'];
export type CertificateKind = keyof CertificatesConfig['certificates'];

export const certificatesFlagsSchema = z
  .object({
    /** An Event_Key__c or a CME_Event__c record Id. */
    event: z
      .string()
      .trim()
      .min(1, 'name the event by its Event_Key__c or record Id')
      .max(255, 'an event key is at most 255 characters'),
    /** Only these doctors (Contact Id or CME_HCP_Key__c): reissue their certificates. */
    doctors: z.array(z.string().trim().min(1, 'a doctor is a Contact Id or CME_HCP_Key__c')).optional(),
  })
  .strict();

export type CertificatesFlags = z.input<typeof certificatesFlagsSchema>;
export type ResolvedCertificatesFlags = z.output<typeof certificatesFlagsSchema>;

/** The flags checked; every problem at once, as "field: problem". */
export function resolveCertificatesFlags(
  flags: CertificatesFlags,
): { flags: ResolvedCertificatesFlags } | { problems: string[] } {
  const parsed = certificatesFlagsSchema.safeParse(flags);
  if (parsed.success) return { flags: parsed.data };
  return { problems: parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'flags'}: ${i.message}`) };
}
