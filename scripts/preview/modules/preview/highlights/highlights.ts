// Stand-in for force:highlightsPanel: the record's name and key fields, and the approval actions
// Lightning puts there (Submit for Approval; Approve / Reject for a pending request), which call the
// org's REST resource process/approvals exactly as Lightning's actions do.
import { api } from 'lwc';
import { apiFetch, objectInfoOf, recordsChanged } from 'preview/lds';
import RecordPanel from 'preview/recordPanel';
import type { UiRecord } from 'preview/recordPanel';

interface ObjectInfo {
  label: string;
  nameFields?: string[];
  fields: Record<string, { label: string }>;
}

interface Workitem {
  id: string;
  stepLabel: string;
  actorName: string;
  /** Whether the user looking at the page may approve or reject it. */
  mine: boolean;
}

interface Rows<T> {
  records: T[];
}

interface Viewer {
  me: string;
  admin: boolean;
}

let viewer: Promise<Viewer> | undefined;

interface ApprovalAction {
  /** The button's data-id. */
  id: string;
  label: string;
  variant: 'neutral' | 'brand' | 'destructive';
  /** The request's actionType for process/approvals; Submit names the record, the others the workitem. */
  actionType: 'Submit' | 'Approve' | 'Reject';
  /** The success toast's title. */
  done: string;
}

const SUBMIT: ApprovalAction = {
  id: 'submit-for-approval',
  label: 'Submit for Approval',
  variant: 'neutral',
  actionType: 'Submit',
  done: 'Submitted for approval',
};
const APPROVE: ApprovalAction = {
  id: 'approve',
  label: 'Approve',
  variant: 'brand',
  actionType: 'Approve',
  done: 'Approved',
};
const REJECT: ApprovalAction = {
  id: 'reject',
  label: 'Reject',
  variant: 'destructive',
  actionType: 'Reject',
  done: 'Rejected',
};

const HIGHLIGHTS = ['Status__c', 'Start__c', 'City__c', 'Budget__c', 'CME_Specialty__c', 'MailingCity', 'Email'];

export default class Highlights extends RecordPanel {
  @api objectApiName?: string;
  record?: UiRecord;
  info?: ObjectInfo;
  approvable = false;
  pending?: Workitem;
  comments = '';
  busy = false;

  async load(): Promise<void> {
    const id = this.recordIdValue;
    if (!id) return;
    try {
      this.record = (await apiFetch(`ui-api/records/${id}`)) as UiRecord;
      this.info = (await objectInfoOf(this.record.apiName)) as ObjectInfo;
      const processes = (await apiFetch('process/approvals')) as { approvals: Record<string, unknown[]> };
      this.approvable = (processes.approvals[this.record.apiName] ?? []).length > 0;
      const soql = `SELECT Id, ActorId, StepName FROM ProcessInstanceWorkitem WHERE ProcessInstance.TargetObjectId = '${id}'`;
      const items = (await apiFetch(`query?q=${encodeURIComponent(soql)}`)) as {
        records: { Id: string; ActorId: string; StepName: string }[];
      };
      const item = items.records[0];
      this.pending = item
        ? {
            id: item.Id,
            stepLabel: item.StepName.replace(/_/g, ' '),
            actorName: await this.actorName(item.ActorId),
            mine: await this.mayAct(item.ActorId),
          }
        : undefined;
    } catch (error) {
      this.toast('Could not load the record', error, 'error');
    }
  }

  /**
   * Lightning offers Approve / Reject to the assigned approver (a user, or a member of the queue,
   * directly or through a public group in it) and to administrators, who may act on any request
   * (Salesforce Help, "Approval Considerations for Approvers"); everyone else only sees it pending.
   */
  private async mayAct(actorId: string): Promise<boolean> {
    const { me, admin } = await (viewer ??= this.whoAmI());
    if (actorId === me || admin) return true;
    let groups = [actorId];
    for (let depth = 0; depth < 3 && groups.length && actorId.startsWith('00G'); depth++) {
      const members = await this.query<{ UserOrGroupId: string }>(
        `SELECT UserOrGroupId FROM GroupMember WHERE GroupId IN ('${groups.join("','")}')`,
      );
      if (members.some((m) => m.UserOrGroupId === me)) return true;
      groups = members.map((m) => m.UserOrGroupId).filter((id) => id.startsWith('00G'));
    }
    return false;
  }

  /** The signed-in user, looked up once per page load (the user does not change while the page is open). */
  private async whoAmI(): Promise<Viewer> {
    const me = ((await fetch('/services/oauth2/userinfo').then((r) => r.json())) as { user_id: string }).user_id;
    const profile = await this.query<{ Profile: { Name: string } | null }>(
      `SELECT Profile.Name FROM User WHERE Id = '${me}'`,
    );
    // The local org's administrators are its System Administrator profile (scripts/src/localorg/security.ts).
    return { me, admin: profile[0]?.Profile?.Name === 'System Administrator' };
  }

  private async query<T>(soql: string): Promise<T[]> {
    return ((await apiFetch(`query?q=${encodeURIComponent(soql)}`)) as Rows<T>).records;
  }

  private async actorName(actorId: string): Promise<string> {
    const object = actorId.startsWith('00G') ? 'Group' : 'User';
    const soql = `SELECT Name FROM ${object} WHERE Id = '${actorId}'`;
    const found = (await apiFetch(`query?q=${encodeURIComponent(soql)}`)) as { records: { Name: string }[] };
    return found.records[0]?.Name ?? actorId;
  }

  get name(): string {
    const field = this.info?.nameFields?.[0] ?? 'Name';
    return String(this.record?.fields[field]?.value ?? '');
  }

  get objectLabel(): string {
    return this.info?.label ?? '';
  }

  get highlightFields() {
    const record = this.record;
    if (!record) return [];
    return HIGHLIGHTS.filter((f) => f in record.fields).map((f) => ({
      apiName: f,
      label: this.info?.fields[f]?.label ?? f,
      value: record.fields[f].displayValue ?? String(record.fields[f].value ?? ''),
    }));
  }

  get canAct(): boolean {
    return this.pending?.mine === true;
  }

  get canSubmit(): boolean {
    return this.approvable && !this.pending;
  }

  changeComments(event: CustomEvent<{ value: string }>): void {
    this.comments = event.detail.value;
  }

  /**
   * The approval buttons Lightning shows: Submit for Approval while none is pending, Approve and Reject
   * to whoever may act on the pending one. `variant` is lightning-button's (its default is neutral).
   */
  get actions(): ApprovalAction[] {
    if (this.canSubmit) return [SUBMIT];
    return this.canAct ? [APPROVE, REJECT] : [];
  }

  runAction(event: Event): Promise<void> {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    const action = [SUBMIT, APPROVE, REJECT].find((a) => a.id === id);
    if (!action) return Promise.resolve();
    const contextId = action === SUBMIT ? this.recordIdValue : this.pending?.id;
    return this.act({ actionType: action.actionType, contextId }, action.done);
  }

  private async act(request: Record<string, unknown>, done: string): Promise<void> {
    this.busy = true;
    try {
      await apiFetch('process/approvals', {
        method: 'POST',
        body: JSON.stringify({ requests: [{ ...request, comments: this.comments || undefined }] }),
      });
      this.comments = '';
      this.toast(done, undefined, 'success');
      recordsChanged();
    } catch (error) {
      this.toast('The approval action failed', error, 'error');
    } finally {
      this.busy = false;
    }
  }

  private toast(title: string, error: unknown, variant: string): void {
    const body = (error as { body?: unknown })?.body;
    const message = Array.isArray(body)
      ? body.map((e: { message?: string }) => e.message ?? '').join(' ')
      : error instanceof Error
        ? error.message
        : '';
    this.dispatchEvent(
      new CustomEvent('lightning__showtoast', { detail: { title, message, variant }, bubbles: true, composed: true }),
    );
  }
}
