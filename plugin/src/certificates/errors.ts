// The certificates command's own failures, each turned into a message with its action by the command
// (plugin/messages/cme.certificates.md holds the texts under error.<code>). The output folder's
// checks are the audit pack's (report/files.ts prepareOutput), so those stay ReportErrors.

export type CertificateErrorCode =
  /** No CME_Event__c has the --event key or Id. */
  | 'UnknownEvent'
  /** The event is not accredited, or has no designated credits (Accreditation_Credits__c). */
  | 'NotAccredited'
  /** The event is cancelled, or has not ended yet. */
  | 'NotHeld'
  /** The event's Time_Zone__c is not an IANA zone Intl knows: its dates would print in UTC. */
  | 'UnknownTimeZone'
  /** The event has no attendance records: nothing to certify yet. */
  | 'NoAttendance'
  /** --doctor names someone who did not attend the event. */
  | 'UnknownDoctor'
  /** --doctor names an attendee who earned no credit. */
  | 'DoctorNotEligible'
  /** config/certificates/certificates.json is missing, not JSON or invalid. */
  | 'BadCertificatesConfig';

export class CertificateError extends Error {
  public readonly code: CertificateErrorCode;
  public readonly detail: string[];

  public constructor(code: CertificateErrorCode, message: string, detail: string[] = []) {
    super(message);
    this.name = 'CertificateError';
    this.code = code;
    this.detail = detail;
  }
}
