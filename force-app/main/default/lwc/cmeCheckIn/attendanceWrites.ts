/**
 * The check-in screen's writes to CME_Attendance__c (UI API): the check-in and the e-signature.
 * (cmeAttendanceDetails saves the meal opt-out and minutes attended.)
 */
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import ATTENDANCE_OBJECT from '@salesforce/schema/CME_Attendance__c';
import ATT_EVENT_FIELD from '@salesforce/schema/CME_Attendance__c.Event__c';
import ATT_INVITATION_FIELD from '@salesforce/schema/CME_Attendance__c.Invitation__c';
import ATT_DOCTOR_FIELD from '@salesforce/schema/CME_Attendance__c.Doctor__c';
import ATT_MODE_FIELD from '@salesforce/schema/CME_Attendance__c.Mode__c';
import ATT_CHECKED_IN_AT_FIELD from '@salesforce/schema/CME_Attendance__c.Checked_In_At__c';
import ATT_METHOD_FIELD from '@salesforce/schema/CME_Attendance__c.Sign_In_Method__c';
import ATT_KEY_FIELD from '@salesforce/schema/CME_Attendance__c.Attendance_Key__c';
import ATT_WALK_IN_FIELD from '@salesforce/schema/CME_Attendance__c.Walk_In__c';
import ATT_SIGNATURE_FIELD from '@salesforce/schema/CME_Attendance__c.Signature_Data__c';
import ATT_SIGNATURE_HASH_FIELD from '@salesforce/schema/CME_Attendance__c.Signature_SHA256__c';
import ATT_SIGNED_NAME_FIELD from '@salesforce/schema/CME_Attendance__c.Signed_Name__c';
import ATT_SIGNED_AT_FIELD from '@salesforce/schema/CME_Attendance__c.Signed_At__c';
import { attendanceKey, sha256Hex, signatureHashInput } from './checkInLogic';
import type { AttendanceInfo } from './checkInLogic';
import { LABELS } from './labels';

export { ATTENDANCE_OBJECT, ATT_SIGNATURE_HASH_FIELD };

export interface NewAttendance {
  eventId: string;
  doctorId: string;
  /** Null for a walk-in. */
  invitationId: string | null;
  mode: 'In-Person' | 'Virtual';
  method: string | null;
}

/** Creates the attendance and returns it as the roster shows it. */
export async function createAttendance(input: NewAttendance): Promise<AttendanceInfo> {
  const { eventId, doctorId, invitationId, mode, method } = input;
  const checkedInAt = new Date().toISOString();
  const walkIn = !invitationId;
  const record = await createRecord({
    apiName: ATTENDANCE_OBJECT.objectApiName,
    fields: {
      [ATT_EVENT_FIELD.fieldApiName]: eventId,
      [ATT_INVITATION_FIELD.fieldApiName]: invitationId,
      [ATT_DOCTOR_FIELD.fieldApiName]: doctorId,
      [ATT_MODE_FIELD.fieldApiName]: mode,
      [ATT_CHECKED_IN_AT_FIELD.fieldApiName]: checkedInAt,
      [ATT_METHOD_FIELD.fieldApiName]: method,
      [ATT_KEY_FIELD.fieldApiName]: attendanceKey(eventId, doctorId),
      [ATT_WALK_IN_FIELD.fieldApiName]: walkIn,
    },
  });
  return {
    id: record?.id ?? '',
    checkedInAt,
    mode,
    modeLabel: mode === 'Virtual' ? LABELS.modeVirtualLabel : LABELS.modeInPersonLabel,
    method,
    methodLabel: method ?? '',
    signed: false,
    signedName: null,
    signedAt: null,
    mealOptOut: false,
    minutes: null,
    walkIn,
  };
}

/**
 * Stores the e-signature with its SHA-256 fingerprint (of image, printed name and event key); the
 * sign-in method becomes E-Signature. Returns when it was signed.
 */
export async function saveSignature(
  attendanceId: string,
  signature: { dataUrl: string; name: string; eventKey: string },
): Promise<string> {
  const { dataUrl, name, eventKey } = signature;
  const hash = await sha256Hex(signatureHashInput(dataUrl, name, eventKey));
  const signedAt = new Date().toISOString();
  await updateRecord({
    fields: {
      Id: attendanceId,
      [ATT_SIGNATURE_FIELD.fieldApiName]: dataUrl,
      [ATT_SIGNATURE_HASH_FIELD.fieldApiName]: hash,
      [ATT_SIGNED_NAME_FIELD.fieldApiName]: name,
      [ATT_SIGNED_AT_FIELD.fieldApiName]: signedAt,
      [ATT_METHOD_FIELD.fieldApiName]: 'E-Signature',
    },
  });
  return signedAt;
}
