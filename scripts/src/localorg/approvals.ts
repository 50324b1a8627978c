// Approval processes as Salesforce runs them for the REST resource `process/approvals`: submit a
// record (entry criteria, allowed submitters, initial submission field updates), route each step to
// its approver (the submitter's manager, a queue, a user), approve or reject work items, and run the
// final approval or rejection field updates. History lives in ProcessInstance, ProcessInstanceStep and
// ProcessInstanceWorkitem, so SOQL and GraphQL see it as they would in an org.
import type { Engine } from './engine.ts';
import { SfError } from './errors.ts';
import { json } from './http.ts';
import type { RouteRegistrar } from './routes.ts';
import type { ApprovalProcessDef } from './schema.ts';

export interface ApprovalRequest {
  actionType?: string;
  contextId?: string;
  comments?: string;
  nextApproverIds?: string[];
  processDefinitionNameOrId?: string;
  skipEntryCriteria?: boolean;
}

export interface ApprovalResult {
  actorIds: string[];
  entityId: string;
  errors: null;
  instanceId: string;
  instanceStatus: string;
  newWorkitemIds: string[];
  success: true;
}

interface InstanceRow {
  Id: string;
  TargetObjectId: string;
  Status: string;
  ProcessDefinitionName: string;
  SubmittedById: string;
}

interface WorkitemRow {
  Id: string;
  ProcessInstanceId: string;
  ActorId: string;
  StepName: string;
}

export class ApprovalEngine {
  private readonly engine: Engine;

  constructor(engine: Engine) {
    this.engine = engine;
  }

  /** GET process/approvals (the processes) and POST process/approvals (submit, approve, reject) as `userId()`. */
  registerRoutes(route: RouteRegistrar, userId: () => string): void {
    route('GET', 'process/approvals', () => json(200, this.describe()));
    route('POST', 'process/approvals', (req) =>
      json(200, this.run(((req.body ?? {}) as { requests?: ApprovalRequest[] }).requests ?? [], userId())),
    );
  }

  /** GET process/approvals: the active processes by object. */
  describe(): {
    approvals: Record<string, { description: null; id: string; name: string; object: string; sortOrder: number }[]>;
  } {
    const approvals: Record<
      string,
      { description: null; id: string; name: string; object: string; sortOrder: number }[]
    > = {};
    this.engine.schema.approvalProcesses
      .filter((p) => p.active)
      .forEach((p, i) => {
        (approvals[p.object] ??= []).push({
          description: null,
          id: p.name,
          name: p.name,
          object: p.object,
          sortOrder: i + 1,
        });
      });
    return { approvals };
  }

  /** POST process/approvals: each request runs in its own transaction; the first failure fails the call. */
  run(requests: ApprovalRequest[], userId: string): ApprovalResult[] {
    if (!Array.isArray(requests) || requests.length === 0)
      throw new SfError('JSON_PARSER_ERROR', 'The request body needs "requests": [{ actionType, contextId, … }].');
    return requests.map((request) =>
      this.engine.transaction(() => {
        switch (request.actionType) {
          case 'Submit':
            return this.submit(request, userId);
          case 'Approve':
          case 'Reject':
            return this.decide(request, userId, request.actionType);
          default:
            throw new SfError(
              'INVALID_OPERATION',
              `actionType must be Submit, Approve or Reject, not ${JSON.stringify(request.actionType ?? null)}.`,
            );
        }
      }),
    );
  }

  private submit(request: ApprovalRequest, userId: string): ApprovalResult {
    const recordId = request.contextId ?? '';
    const object = this.engine.objectForId(recordId);
    const record = object ? this.engine.row(object, recordId) : undefined;
    if (!object || !record)
      throw new SfError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${recordId}`, ['contextId']);
    if (this.pendingInstance(String(record.Id)))
      throw new SfError(
        'ALREADY_IN_PROCESS',
        'This record is already in an approval process: approve, reject or recall it first.',
      );
    const process = this.processFor(object.name, String(record.Id), request, userId);
    if (process.allowedSubmitters.includes('owner') && record.OwnerId !== userId && !this.isAdmin(userId))
      throw new SfError('INSUFFICIENT_ACCESS_OR_READONLY', 'Only the record owner can submit it for approval.');
    // Approval history is written by the platform, not with the submitter's permissions.
    const ctx = { userId, system: true };
    const instanceId = this.engine.insert('ProcessInstance', {}, ctx);
    this.writeSystem('ProcessInstance', instanceId, {
      TargetObjectId: String(record.Id),
      Status: 'Pending',
      ProcessDefinitionName: process.name,
      SubmittedById: userId,
    });
    this.step(instanceId, 'Started', userId, userId, null, request.comments);
    this.runActions(process.initialSubmissionActions, object.name, String(record.Id), userId);
    const workitems = this.enterStep(process, 0, instanceId, String(record.Id), userId, request.nextApproverIds);
    return this.result(instanceId, String(record.Id), 'Pending', workitems);
  }

  private decide(request: ApprovalRequest, userId: string, action: 'Approve' | 'Reject'): ApprovalResult {
    const workitem = this.workitem(request.contextId ?? '');
    if (!workitem)
      throw new SfError(
        'INVALID_CROSS_REFERENCE_KEY',
        `No approval request (work item) ${request.contextId ?? ''} is pending.`,
        ['contextId'],
      );
    if (!this.canAct(userId, workitem.ActorId, this.instance(workitem.ProcessInstanceId).TargetObjectId))
      throw new SfError(
        'INSUFFICIENT_ACCESS_OR_READONLY',
        'You are not an approver of this request: it is assigned to someone else.',
      );
    const instance = this.instance(workitem.ProcessInstanceId);
    const process = this.engine.schema.approvalProcesses.find((p) => p.name === instance.ProcessDefinitionName);
    if (!process)
      throw new SfError('INVALID_OPERATION', `Approval process ${instance.ProcessDefinitionName} no longer exists.`);
    const objectName = this.engine.objectForId(instance.TargetObjectId)!.name;
    // Other work items of the same step go too (first response decides).
    for (const other of this.workitemsOf(instance.Id))
      this.engine.db.prepare('DELETE FROM "ProcessInstanceWorkitem" WHERE "Id" = ?').run(other.Id);
    this.step(
      instance.Id,
      action === 'Approve' ? 'Approved' : 'Rejected',
      userId,
      workitem.ActorId,
      workitem.StepName,
      request.comments,
    );
    if (action === 'Reject') {
      this.finish(instance.Id, 'Rejected');
      this.runActions(process.finalRejectionActions, objectName, instance.TargetObjectId, userId);
      return this.result(instance.Id, instance.TargetObjectId, 'Rejected', []);
    }
    const index = process.steps.findIndex((s) => s.name === workitem.StepName);
    if (index >= 0 && index + 1 < process.steps.length) {
      const workitems = this.enterStep(
        process,
        index + 1,
        instance.Id,
        instance.TargetObjectId,
        instance.SubmittedById,
        request.nextApproverIds,
      );
      return this.result(instance.Id, instance.TargetObjectId, 'Pending', workitems);
    }
    this.finish(instance.Id, 'Approved');
    this.runActions(process.finalApprovalActions, objectName, instance.TargetObjectId, userId);
    return this.result(instance.Id, instance.TargetObjectId, 'Approved', []);
  }

  private processFor(
    objectName: string,
    recordId: string,
    request: ApprovalRequest,
    userId: string,
  ): ApprovalProcessDef {
    const candidates = this.engine.schema.approvalProcesses.filter(
      (p) =>
        p.active &&
        p.object === objectName &&
        (!request.processDefinitionNameOrId || p.name === request.processDefinitionNameOrId),
    );
    const process = candidates.find(
      (p) =>
        request.skipEntryCriteria ||
        !p.entryFormula ||
        this.engine.evaluateOn(objectName, recordId, p.entryFormula, userId) === true,
    );
    if (!process)
      throw new SfError(
        'NO_APPLICABLE_PROCESS',
        candidates.length
          ? 'No applicable approval process was found: the record does not meet the entry criteria (a Draft or Rejected event with a budget, an educational need and a rule pack).'
          : `No applicable approval process was found for ${objectName}.`,
      );
    return process;
  }

  /** Creates the work items of a step; returns their ids and actors. */
  private enterStep(
    process: ApprovalProcessDef,
    index: number,
    instanceId: string,
    recordId: string,
    submitterId: string,
    nextApproverIds: string[] | undefined,
  ): { id: string; actorId: string }[] {
    const step = process.steps[index];
    let actors: string[];
    if (nextApproverIds?.length) actors = nextApproverIds;
    else if (step.approver.type === 'queue') {
      const queue = this.groupId(step.approver.name ?? '', 'Queue');
      if (!queue)
        throw new SfError(
          'INVALID_OPERATION',
          `The approval queue ${step.approver.name ?? ''} does not exist in this org.`,
        );
      actors = [queue];
    } else if (step.approver.type === 'user') {
      const user = this.engine.db
        .prepare('SELECT "Id" FROM "User" WHERE "Username" = ?')
        .get(step.approver.name ?? '') as { Id: string } | undefined;
      if (!user)
        throw new SfError('INVALID_OPERATION', `The approver ${step.approver.name ?? ''} does not exist in this org.`);
      actors = [user.Id];
    } else {
      const object = this.engine.objectForId(recordId)!;
      const owner = String(this.engine.row(object, recordId)?.OwnerId ?? submitterId);
      const manager = this.engine.db.prepare('SELECT "ManagerId" FROM "User" WHERE "Id" = ?').get(owner) as
        { ManagerId: string | null } | undefined;
      if (!manager?.ManagerId)
        throw new SfError(
          'MANAGER_NOT_DEFINED',
          'Manager undefined: the record owner has no manager to approve this step. Set the Manager on their user record.',
        );
      actors = [manager.ManagerId];
    }
    return actors.map((actorId) => {
      const id = this.engine.insert('ProcessInstanceWorkitem', {}, { userId: submitterId, system: true });
      this.writeSystem('ProcessInstanceWorkitem', id, {
        ProcessInstanceId: instanceId,
        ActorId: actorId,
        OriginalActorId: actorId,
        StepName: step.name,
      });
      return { id, actorId };
    });
  }

  private runActions(names: string[], objectName: string, recordId: string, userId: string): void {
    const values: Record<string, unknown> = {};
    for (const name of names) {
      const update = this.engine.schema.fieldUpdates.get(name);
      if (!update)
        throw new SfError('INVALID_OPERATION', `Field update ${name} is not defined in the workflow metadata.`);
      if (update.operation === 'Null') values[update.field] = null;
      else if (update.operation === 'Literal') values[update.field] = update.literalValue ?? null;
      else {
        const result = this.engine.evaluateOn(objectName, recordId, update.formula ?? 'null', userId);
        values[update.field] = result instanceof Date ? result.toISOString() : result;
      }
    }
    if (Object.keys(values).length) this.engine.update(objectName, recordId, values, { userId, automated: true });
  }

  private step(
    instanceId: string,
    status: string,
    actorId: string,
    originalActorId: string,
    stepName: string | null,
    comments?: string,
  ): void {
    const id = this.engine.insert('ProcessInstanceStep', {}, { userId: actorId, system: true });
    this.writeSystem('ProcessInstanceStep', id, {
      ProcessInstanceId: instanceId,
      StepStatus: status,
      ActorId: actorId,
      OriginalActorId: originalActorId,
      StepName: stepName,
      Comments: comments ?? null,
    });
  }

  private finish(instanceId: string, status: string): void {
    this.writeSystem('ProcessInstance', instanceId, { Status: status, CompletedDate: new Date().toISOString() });
  }

  /** System fields (not createable through the API) are written straight to the table. */
  private writeSystem(table: string, id: string, values: Record<string, unknown>): void {
    const columns = Object.keys(values);
    this.engine.db
      .prepare(`UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ?`).join(', ')} WHERE "Id" = ?`)
      .run(...columns.map((c) => values[c] as string | null), id);
  }

  private result(
    instanceId: string,
    entityId: string,
    status: string,
    workitems: { id: string; actorId: string }[],
  ): ApprovalResult {
    return {
      actorIds: workitems.map((w) => w.actorId),
      entityId,
      errors: null,
      instanceId,
      instanceStatus: status,
      newWorkitemIds: workitems.map((w) => w.id),
      success: true,
    };
  }

  private pendingInstance(recordId: string): InstanceRow | undefined {
    return this.engine.db
      .prepare(
        'SELECT * FROM "ProcessInstance" WHERE "TargetObjectId" = ? AND "Status" = \'Pending\' AND "IsDeleted" = 0',
      )
      .get(recordId) as InstanceRow | undefined;
  }

  private instance(id: string): InstanceRow {
    return this.engine.db.prepare('SELECT * FROM "ProcessInstance" WHERE "Id" = ?').get(id) as unknown as InstanceRow;
  }

  private workitem(id: string): WorkitemRow | undefined {
    return this.engine.db
      .prepare('SELECT * FROM "ProcessInstanceWorkitem" WHERE "Id" = ? AND "IsDeleted" = 0')
      .get(id) as WorkitemRow | undefined;
  }

  private workitemsOf(instanceId: string): WorkitemRow[] {
    return this.engine.db
      .prepare('SELECT * FROM "ProcessInstanceWorkitem" WHERE "ProcessInstanceId" = ? AND "IsDeleted" = 0')
      .all(instanceId) as unknown as WorkitemRow[];
  }

  private groupId(developerName: string, type: string): string | undefined {
    return (
      this.engine.db
        .prepare('SELECT "Id" FROM "Group" WHERE "DeveloperName" = ? AND "Type" = ?')
        .get(developerName, type) as { Id: string } | undefined
    )?.Id;
  }

  private isAdmin(userId: string): boolean {
    return this.engine.security.forUser(userId).admin;
  }

  /**
   * The actor itself, a member of the actor queue (directly or through a public group), an admin, or a
   * user with Modify All on the record's object (Help, "Approval Considerations for Approvers").
   */
  private canAct(userId: string, actorId: string, recordId: string): boolean {
    const access = this.engine.security.forUser(userId);
    const object = this.engine.objectForId(recordId);
    return this.engine.security.canActAs(access, actorId) || (!!object && access.reachesAll(object, 'edit'));
  }
}
