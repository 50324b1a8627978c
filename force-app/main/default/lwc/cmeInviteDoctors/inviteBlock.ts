// Whether the invite screen may send invitations now: the event's approval, in the pack's words (pure).
import { evaluateCompliance, isRuleOn } from 'c/cmeDomain';
import type { CmeEvent, Invitation, RulePack } from 'c/cmeDomain';
import { hasMoreRecords } from 'c/cmeDoctorInsights';
import { rulePacksFrom } from 'c/cmeRecords';
import { reduceErrors } from 'c/cmeErrors';
import type { ErrorLike } from 'c/cmeErrors';
import { LABELS } from './labels';

export interface InviteBlock {
  blocked: boolean;
  /** The domain core's finding, when the pack has the rule on. */
  detail: string;
}

/**
 * Whether invitations may go out now. The org refuses invitations to an event that is not Approved
 * (validation rule Invite_Only_Approved_Events); the pack's APPROVAL_BEFORE_INVITE finding for an
 * invitation sent now says why in the pack's words, and blocks too when its severity is Block.
 */
export function inviteBlock(event: CmeEvent | undefined, pack: RulePack | undefined, now: string): InviteBlock {
  if (!event) return { blocked: true, detail: '' };
  let detail = '';
  let domainBlocks = false;
  if (pack && isRuleOn(pack, 'APPROVAL_BEFORE_INVITE')) {
    const probe: Invitation = {
      Id: `hypothetical:${event.Id}:probe`,
      Event__c: event.Id,
      Doctor__c: 'probe',
      Status__c: 'Invited',
      Invited_On__c: now,
    };
    const findings = evaluateCompliance({ events: [event], invitations: [probe] }, pack, {
      today: now,
      eventIds: [event.Id],
      rules: ['APPROVAL_BEFORE_INVITE'],
    });
    if (findings.length) {
      detail = findings[0].message;
      domainBlocks = findings.some((f) => f.severity === 'block');
    }
  }
  return { blocked: event.Status__c !== 'Approved' || domainBlocks, detail };
}

/** inviteBlock, or, when the domain core fails on the pack, the status alone with the failure as the detail. */
export function inviteBlockOrError(event: CmeEvent | undefined, pack: RulePack | undefined, now: string): InviteBlock {
  try {
    return inviteBlock(event, pack, now);
  } catch (error) {
    return { blocked: event?.Status__c !== 'Approved', detail: reduceErrors(error as ErrorLike).join(' ') };
  }
}

/**
 * The active rule packs from the rule packs query, or the error that stops the screen judging by them:
 * a pack judged on part of its rules would warn wrongly, so more than a page of rules is an error.
 */
export function invitePacksFrom(data: unknown): { packs: RulePack[]; errors: string[] } {
  try {
    if (hasMoreRecords(data)) throw new Error(LABELS.packTooLargeLabel);
    return { packs: rulePacksFrom(data), errors: [] };
  } catch (error) {
    return { packs: [], errors: reduceErrors(error as ErrorLike) };
  }
}
