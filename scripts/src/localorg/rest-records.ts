// REST resources for records: sObject rows, upsert by external id, sObject Collections (200 records),
// Composite (25 subrequests, references between them) and sObject Tree (200 records, nested).
import { SfError, SfErrors, asSfErrors } from './errors.ts';
import type { Engine, WriteContext } from './engine.ts';
import { json } from './http.ts';
import type { ApiRequest, ApiResponse } from './http.ts';
import { API_NAME, SEGMENT } from './routes.ts';
import type { RouteRegistrar } from './routes.ts';
import { findField, findObject, findChildRelationship } from './schema.ts';
import type { ObjectDef } from './schema.ts';

const COLLECTION_LIMIT = 200;
const COMPOSITE_LIMIT = 25;
const TREE_LIMIT = 200;

type Dispatch = (req: ApiRequest) => ApiResponse;

interface CollectionResult {
  id?: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

const collectionErrors = (error: unknown) =>
  asSfErrors(error).map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields }));
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function asObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new SfError('JSON_PARSER_ERROR', 'The request body must be a JSON object', [], 400);
  return body as Record<string, unknown>;
}

export class RecordResources {
  private readonly engine: Engine;
  private readonly ctx: () => WriteContext;

  constructor(engine: Engine, ctx: () => WriteContext) {
    this.engine = engine;
    this.ctx = ctx;
  }

  /**
   * sObject rows, upsert by external id, sObject Collections, Composite and sObject Tree. Composite
   * subrequests go back through the server's table (`dispatch`), synchronously.
   */
  registerRoutes(route: RouteRegistrar, dispatch: Dispatch): void {
    const OBJ = API_NAME;
    const SEG = SEGMENT;
    route('POST', `sobjects/${OBJ}`, (req, [o]) => this.create(o, req.body));
    route('GET', `sobjects/${OBJ}/${SEG}`, (req, [o, id]) => this.get(o, id, req));
    route('PATCH', `sobjects/${OBJ}/${SEG}`, (req, [o, id]) => this.update(o, id, req.body));
    route('DELETE', `sobjects/${OBJ}/${SEG}`, (_req, [o, id]) => this.delete(o, id));
    route('GET', `sobjects/${OBJ}/${OBJ}/${SEG}`, (req, [o, f, v]) =>
      this.getByExternalId(o, f, decodeURIComponent(v), req),
    );
    route('PATCH', `sobjects/${OBJ}/${OBJ}/${SEG}`, (req, [o, f, v]) =>
      this.upsert(o, f, decodeURIComponent(v), req.body),
    );
    route('POST', `sobjects/${OBJ}/${OBJ}/${SEG}`, (req, [o, f, v]) =>
      this.upsert(o, f, decodeURIComponent(v), req.body),
    );
    route('DELETE', `sobjects/${OBJ}/${OBJ}/${SEG}`, (_req, [o, f, v]) =>
      this.deleteByExternalId(o, f, decodeURIComponent(v)),
    );
    route('POST', 'composite/sobjects', (req) => this.collectionCreate(req.body));
    route('PATCH', 'composite/sobjects', (req) => this.collectionUpdate(req.body));
    route('DELETE', 'composite/sobjects', (req) => this.collectionDelete(req));
    route('PATCH', `composite/sobjects/${OBJ}/${OBJ}`, (req, [o, f]) => this.collectionUpsert(o, f, req.body));
    route('GET', `composite/sobjects/${OBJ}`, (req, [o]) => this.collectionRetrieve(o, req));
    route('POST', `composite/sobjects/${OBJ}`, (req, [o]) => this.collectionRetrieve(o, req));
    route('POST', 'composite', (req) => this.composite(req, dispatch));
    route('POST', `composite/tree/${OBJ}`, (req, [o]) => this.tree(o, req.body));
  }

  // ------------------------------------------------------------------ single records

  create(objectName: string, body: unknown): ApiResponse {
    const id = this.engine.insert(objectName, asObject(body), this.ctx());
    return json(201, { id, success: true, errors: [] });
  }

  get(objectName: string, id: string, req: ApiRequest): ApiResponse {
    const fields = req.query
      .get('fields')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    return json(200, this.engine.retrieve(objectName, id, fields, req.version, this.ctx().userId));
  }

  update(objectName: string, id: string, body: unknown): ApiResponse {
    this.engine.update(objectName, id, asObject(body), this.ctx());
    return json(204);
  }

  delete(objectName: string, id: string): ApiResponse {
    this.engine.remove(objectName, id, this.ctx());
    return json(204);
  }

  /** PATCH sobjects/X/ExtField/value: 201 with created true, or 200 with created false. */
  upsert(objectName: string, field: string, value: string, body: unknown): ApiResponse {
    const result = this.engine.upsert(objectName, field, value, asObject(body), this.ctx());
    return json(result.created ? 201 : 200, { id: result.id, success: true, errors: [], created: result.created });
  }

  getByExternalId(objectName: string, field: string, value: string, req: ApiRequest): ApiResponse {
    const object = this.engine.object(objectName, this.engine.security.restricted(this.ctx().userId));
    const id = this.idByExternalId(object, field, value);
    return this.get(object.name, id, req);
  }

  deleteByExternalId(objectName: string, field: string, value: string): ApiResponse {
    const object = this.engine.object(objectName);
    return this.delete(object.name, this.idByExternalId(object, field, value));
  }

  private idByExternalId(object: ObjectDef, fieldName: string, value: string): string {
    const field = findField(object, fieldName);
    if (!field || !field.externalId)
      throw new SfError(
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${fieldName}`,
        [],
        404,
      );
    const ids = this.engine.findByExternalId(object, field, value);
    if (ids.length === 0) throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
    if (ids.length > 1)
      throw new SfError('MULTIPLE_CHOICES', `More than one record matches ${field.name} = ${value}`, [], 300);
    return ids[0];
  }

  // ------------------------------------------------------------------ sObject Collections

  /** Runs one operation per record; with allOrNone, all or nothing. */
  private collection<T>(items: T[], allOrNone: boolean, run: (item: T) => CollectionResult): ApiResponse {
    if (items.length > COLLECTION_LIMIT)
      throw new SfError(
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
        [],
        400,
      );
    const attempt = () =>
      items.map((item) => {
        try {
          return this.engine.transaction(() => run(item));
        } catch (error) {
          return { id: null, success: false, errors: collectionErrors(error) } as CollectionResult;
        }
      });
    if (!allOrNone) return json(200, attempt());
    let results: CollectionResult[] = [];
    try {
      this.engine.transaction(() => {
        results = attempt();
        if (results.some((r) => !r.success)) throw new SfError('ROLLBACK', 'all or none');
      });
    } catch (error) {
      if (!(error instanceof SfError) || error.errorCode !== 'ROLLBACK') throw error;
      results = results.map((r) => (r.success ? { id: r.id, success: false, errors: [ROLLED_BACK] } : r));
    }
    return json(200, results);
  }

  private records(body: unknown): { allOrNone: boolean; records: Record<string, unknown>[] } {
    const b = asObject(body);
    if (!Array.isArray(b.records)) throw new SfError('JSON_PARSER_ERROR', 'records must be an array', [], 400);
    return { allOrNone: b.allOrNone === true, records: b.records as Record<string, unknown>[] };
  }

  private typeOf(record: Record<string, unknown>): string {
    const type = (record.attributes as { type?: string } | undefined)?.type;
    if (!type) throw new SfError('INVALID_TYPE', 'Each record needs attributes.type', [], 400);
    return type;
  }

  collectionCreate(body: unknown): ApiResponse {
    const { allOrNone, records } = this.records(body);
    return this.collection(records, allOrNone, (record) => {
      if (record.Id) throw new SfError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
      return { id: this.engine.insert(this.typeOf(record), record, this.ctx()), success: true, errors: [] };
    });
  }

  collectionUpdate(body: unknown): ApiResponse {
    const { allOrNone, records } = this.records(body);
    return this.collection(records, allOrNone, (record) => {
      const id = String(record.Id ?? '');
      if (!id) throw new SfError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
      this.engine.update(this.typeOf(record), id, record, this.ctx());
      return { id, success: true, errors: [] };
    });
  }

  collectionUpsert(objectName: string, externalField: string, body: unknown): ApiResponse {
    const { allOrNone, records } = this.records(body);
    return this.collection(records, allOrNone, (record) => {
      const key = Object.keys(record).find((k) => k.toLowerCase() === externalField.toLowerCase());
      const value = key ? record[key] : undefined;
      if (value === undefined || value === null || value === '')
        throw new SfError('MISSING_ARGUMENT', `${externalField} not specified`, [externalField]);
      const result = this.engine.upsert(objectName, externalField, String(value), record, this.ctx());
      return { id: result.id, success: true, errors: [], created: result.created };
    });
  }

  collectionDelete(req: ApiRequest): ApiResponse {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    const allOrNone = req.query.get('allOrNone') === 'true';
    return this.collection(ids, allOrNone, (id) => {
      const object = this.engine.objectForId(id);
      if (!object) throw new SfError('MALFORMED_ID', `malformed id ${id}`, []);
      this.engine.remove(object.name, id, this.ctx());
      return { id, success: true, errors: [] };
    });
  }

  collectionRetrieve(objectName: string, req: ApiRequest): ApiResponse {
    const body = req.body as { ids?: string[]; fields?: string[] } | undefined;
    const ids = body?.ids ?? (req.query.get('ids') ?? '').split(',').filter(Boolean);
    const fields = body?.fields ?? (req.query.get('fields') ?? '').split(',').filter(Boolean);
    if (ids.length > 2000) throw new SfError('EXCEEDED_ID_LIMIT', 'Too many ids: at most 2000', [], 400);
    return json(
      200,
      ids.map((id) => {
        try {
          return this.engine.retrieve(objectName, id, fields, req.version, this.ctx().userId);
        } catch {
          return null;
        }
      }),
    );
  }

  // ------------------------------------------------------------------ Composite

  composite(req: ApiRequest, dispatch: Dispatch): ApiResponse {
    const body = asObject(req.body);
    const subrequests = body.compositeRequest as { method: string; url: string; referenceId: string; body?: unknown }[];
    if (!Array.isArray(subrequests))
      throw new SfError('JSON_PARSER_ERROR', 'compositeRequest must be an array', [], 400);
    if (subrequests.length > COMPOSITE_LIMIT)
      throw new SfError(
        'LIMIT_EXCEEDED',
        `Limit Exceeded: the composite request has ${subrequests.length} subrequests; the limit is ${COMPOSITE_LIMIT}`,
        [],
        400,
      );
    const allOrNone = body.allOrNone === true;
    const results = new Map<string, unknown>();
    const responses: {
      body: unknown;
      httpHeaders: Record<string, string>;
      httpStatusCode: number;
      referenceId: string;
    }[] = [];
    const run = () => {
      for (const sub of subrequests) {
        const url = substituteReferences(sub.url, results);
        const subBody =
          sub.body === undefined ? undefined : JSON.parse(substituteReferences(JSON.stringify(sub.body), results));
        const match = /^\/services\/data\/v(\d+\.\d)\/([^?]*)(?:\?(.*))?$/.exec(url);
        const response = match
          ? dispatch({
              method: sub.method.toUpperCase(),
              path: match[2],
              version: match[1],
              query: new URLSearchParams(match[3] ?? ''),
              headers: {},
              body: subBody,
            })
          : json(400, [{ message: `Invalid subrequest URL: ${url}`, errorCode: 'INVALID_API_INPUT', fields: [] }]);
        responses.push({
          body: response.body ?? null,
          httpHeaders: {},
          httpStatusCode: response.status,
          referenceId: sub.referenceId,
        });
        if (response.status < 300) results.set(sub.referenceId, response.body);
        if (response.status >= 400 && allOrNone) throw new SfError('ROLLBACK', 'composite failed');
      }
    };
    try {
      this.engine.transaction(run);
    } catch (error) {
      if (!(error instanceof SfError) || error.errorCode !== 'ROLLBACK') throw error;
      const halted = {
        errorCode: 'PROCESSING_HALTED',
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
      };
      for (const r of responses) if (r.httpStatusCode < 400) Object.assign(r, { body: [halted], httpStatusCode: 400 });
      for (const sub of subrequests.slice(responses.length))
        responses.push({ body: [halted], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId });
    }
    return json(200, { compositeResponse: responses });
  }

  // ------------------------------------------------------------------ sObject Tree

  tree(objectName: string, body: unknown): ApiResponse {
    const records = asObject(body).records as Record<string, unknown>[];
    if (!Array.isArray(records)) throw new SfError('JSON_PARSER_ERROR', 'records must be an array', [], 400);
    const results: { referenceId: string; id: string }[] = [];
    let count = 0;
    const insertTree = (type: string, record: Record<string, unknown>, parent?: { field: string; id: string }) => {
      if (++count > TREE_LIMIT)
        throw new SfError('LIMIT_EXCEEDED', `The request contains more than ${TREE_LIMIT} records`, [], 400);
      const referenceId = String((record.attributes as { referenceId?: string } | undefined)?.referenceId ?? '');
      const object = this.engine.object(type);
      const values: Record<string, unknown> = {};
      const children: [string, Record<string, unknown>[]][] = [];
      for (const [key, value] of Object.entries(record)) {
        const rel = findChildRelationship(object, key);
        if (rel && value && typeof value === 'object' && Array.isArray((value as { records?: unknown }).records))
          children.push([key, (value as { records: Record<string, unknown>[] }).records]);
        else values[key] = value;
      }
      if (parent) values[parent.field] = parent.id;
      try {
        const id = this.engine.insert(type, values, this.ctx());
        results.push({ referenceId, id });
        for (const [relName, childRecords] of children) {
          const rel = findChildRelationship(object, relName)!;
          for (const child of childRecords) insertTree(rel.childSObject, child, { field: rel.field, id });
        }
      } catch (error) {
        throw new TreeError(referenceId, error);
      }
    };
    try {
      this.engine.transaction(() => {
        if (!findObject(this.engine.schema, objectName))
          throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
        for (const record of records) insertTree(objectName, record);
      });
      return json(201, { hasErrors: false, results });
    } catch (error) {
      if (!(error instanceof TreeError)) throw error;
      return json(400, {
        hasErrors: true,
        results: [{ referenceId: error.referenceId, errors: collectionErrors(error.cause) }],
      });
    }
  }
}

class TreeError extends Error {
  readonly referenceId: string;
  constructor(referenceId: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.referenceId = referenceId;
  }
}

/** `@{ref.id}`, `@{ref.records[0].Id}`: values of earlier subrequests' bodies. */
function substituteReferences(text: string, results: Map<string, unknown>): string {
  return text.replace(/@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g, (match, ref: string, path: string) => {
    if (!results.has(ref))
      throw new SfErrors([
        new SfError('INVALID_API_INPUT', `Invalid reference specified. No value for ${ref} found in ${match}`, [], 400),
      ]);
    let value: unknown = results.get(ref);
    for (const part of path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? []) {
      const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part.slice(1);
      value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
    }
    if (value === undefined)
      throw new SfErrors([
        new SfError('INVALID_API_INPUT', `Invalid reference specified. No value for ${ref}${path} found`, [], 400),
      ]);
    return String(value);
  });
}
