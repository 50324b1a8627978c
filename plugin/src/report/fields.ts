// The fields the compliance report reads from each object (the rule packs': org/rulePacks.ts), and how
// to type them when they come back as Bulk API CSV text (and DateTime fields from REST too: both
// APIs' forms become one, see org/datetime.ts). The names are the package's API names, as the domain
// core's records use them. Every DateTime field of the package is 'datetime'; Date fields
// (Incurred_On__c, CME_Consent_Date__c) are 2026-03-14 from both APIs and stay text.
import { datetimeFields as datetimes, textFields as text } from '../org/query.ts';
import type { FieldKinds as Fields } from '../org/query.ts';

export const EVENT_FIELDS: Fields = {
  ...text(
    'Id',
    'Name',
    'Event_Key__c',
    'Event_Type__c',
    'Format__c',
    'Status__c',
    'Time_Zone__c',
    'Venue__c',
    'City__c',
    'State__c',
    'Country__c',
    'Virtual_Url__c',
    'Therapy_Area__c',
    'Topic__c',
    'Product_Focus__c',
    'Educational_Need__c',
    'Accreditation_Provider__c',
    'Rule_Pack__c',
  ),
  ...datetimes('Start__c', 'End__c', 'Submitted_On__c', 'Approved_On__c'),
  Accredited__c: 'boolean',
  Capacity__c: 'number',
  Budget__c: 'number',
  Invited_Count__c: 'number',
  Accepted_Count__c: 'number',
  Attended_Count__c: 'number',
  Estimated_Spend__c: 'number',
  Committed_Spend__c: 'number',
  Actual_Spend__c: 'number',
  Budget_Utilization__c: 'number',
  Approval_Lead_Days__c: 'number',
};

export const INVITATION_FIELDS: Fields = {
  ...text('Id', 'Event__c', 'Doctor__c', 'Status__c', 'Role__c', 'Channel__c'),
  ...datetimes('Invited_On__c', 'Responded_On__c'),
  Speaking_Hours__c: 'number',
};

export const ATTENDANCE_FIELDS: Fields = {
  ...text(
    'Id',
    'Event__c',
    'Invitation__c',
    'Doctor__c',
    'Mode__c',
    'Sign_In_Method__c',
    'Signature_SHA256__c',
    'Signed_Name__c',
  ),
  ...datetimes('Checked_In_At__c', 'Checked_Out_At__c', 'Signed_At__c'),
  Minutes_Attended__c: 'number',
  Meal_Opt_Out__c: 'boolean',
  Walk_In__c: 'boolean',
};

export const EXPENSE_FIELDS: Fields = {
  ...text(
    'Id',
    'Event__c',
    'Category__c',
    'Incurred_On__c',
    'Doctor__c',
    'Stage__c',
    'Payment_Form__c',
    'Vendor__c',
    'Receipt_Reference__c',
  ),
  Amount__c: 'number',
};

export const DOCTOR_FIELDS: Fields = {
  ...text(
    'Id',
    'Name',
    'FirstName',
    'LastName',
    'CME_Specialty__c',
    'CME_Primary_Type__c',
    'CME_Registration_Number__c',
    'CME_Registration_Council__c',
    'CME_NPI__c',
    'CME_License_State__c',
    'CME_Territory__c',
    'CME_Consent_Date__c',
    'CME_HCP_Key__c',
    'MailingStreet',
    'MailingCity',
    'MailingState',
    'MailingPostalCode',
    'MailingCountry',
  ),
  CME_Disclosure_Consent__c: 'boolean',
};
