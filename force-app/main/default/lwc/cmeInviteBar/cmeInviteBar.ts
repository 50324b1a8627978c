import { LightningElement, api, wire } from 'lwc';
import { createRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import type { ObjectInfo, PicklistValue } from 'lightning/uiObjectInfoApi';
import { formatLabel } from 'c/cmeUi';
import type { Option } from 'c/cmeUi';
import { invitationFields, sendInvitations } from './invitations';
import type { InviteOutcome } from './invitations';
import { LABELS } from './labels';

import userId from '@salesforce/user/Id';
import INVITATION_OBJECT from '@salesforce/schema/CME_Invitation__c';
import CHANNEL_FIELD from '@salesforce/schema/CME_Invitation__c.Channel__c';

export type { InviteFailure, InviteOutcome } from './invitations';

const NUMBER_FORMAT = new Intl.NumberFormat();

/**
 * The invite screen's action bar: the channel picker (the invitation's Channel__c picklist, its
 * default first), how many doctors are selected, Clear (emits `clear`) and Invite, which creates one
 * invitation per doctor in `doctorIds`. It emits `invitestart` as sending begins and `invited` (an
 * InviteOutcome: invited, already invited, failed) once every invitation has an answer; the screen
 * marks, reselects, tells and refreshes.
 */
export default class CmeInviteBar extends LightningElement {
  /** The event the invitations are for. */
  @api eventId?: string;
  /** The selected doctors who can still be invited. */
  @api doctorIds: string[] = [];
  /** How many of them have warnings that block under the event's rule pack. */
  @api blockingCount = 0;
  /** Whether a channel can be chosen and invitations sent: the event is open for invitations, and the screen lets doctors be picked. */
  @api canInvite = false;

  labels = LABELS;
  channel = '';
  channelOptions: Option[] = [];
  invitationRecordTypeId?: string;
  sending = false;

  @wire(getObjectInfo, { objectApiName: INVITATION_OBJECT })
  wiredObjectInfo({ data }: { data?: ObjectInfo; error?: unknown }) {
    if (data) this.invitationRecordTypeId = data.defaultRecordTypeId;
  }

  @wire(getPicklistValues, { recordTypeId: '$invitationRecordTypeId', fieldApiName: CHANNEL_FIELD })
  wiredChannels({ data }: { data?: { defaultValue: PicklistValue | null; values: PicklistValue[] }; error?: unknown }) {
    if (!data) return;
    this.channelOptions = data.values.map((v) => ({ label: v.label, value: v.value }));
    if (!this.channel || !data.values.some((v) => v.value === this.channel))
      this.channel = data.defaultValue?.value ?? data.values[0]?.value ?? '';
  }

  get count(): number {
    return this.doctorIds?.length ?? 0;
  }

  get hasChannels(): boolean {
    return this.channelOptions.length > 0;
  }

  get hasSelection(): boolean {
    return this.count > 0;
  }

  /** The channel can be chosen before picking doctors, but not while sending or when inviting is blocked. */
  get channelDisabled(): boolean {
    return !this.canInvite || this.sending;
  }

  get inviteDisabled(): boolean {
    return this.channelDisabled || this.count === 0;
  }

  get selectedCountText(): string {
    return formatLabel(LABELS.selectedCountLabel, NUMBER_FORMAT.format(this.count));
  }

  get inviteButtonLabel(): string {
    return this.count === 1
      ? LABELS.inviteButtonOneLabel
      : formatLabel(LABELS.inviteButtonLabel, NUMBER_FORMAT.format(this.count));
  }

  get selectedBlockingText(): string {
    return this.blockingCount
      ? formatLabel(LABELS.selectedBlockingLabel, NUMBER_FORMAT.format(this.blockingCount))
      : '';
  }

  handleChannel(event: CustomEvent<{ value: string }>): void {
    this.channel = event.detail.value;
  }

  handleClear(): void {
    this.dispatchEvent(new CustomEvent('clear'));
  }

  async handleInvite(): Promise<void> {
    const eventId = this.eventId;
    const ids = [...(this.doctorIds ?? [])];
    if (!eventId || ids.length === 0 || this.inviteDisabled) return;
    this.sending = true;
    this.dispatchEvent(new CustomEvent('invitestart'));
    const channel = this.channel;
    const outcome = await sendInvitations(ids, (doctorId) =>
      createRecord({
        apiName: INVITATION_OBJECT.objectApiName,
        fields: invitationFields({ eventId, doctorId, userId, channel, now: new Date().toISOString() }),
      }),
    );
    this.sending = false;
    this.dispatchEvent(new CustomEvent<InviteOutcome>('invited', { detail: outcome }));
  }
}
