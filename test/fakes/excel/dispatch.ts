/**
 * The host half of the RichApi protocol: one request message from Microsoft's Excel client
 * (excel-web-16.00.debug.js) in, one response message out. The request holds ObjectPaths (how
 * each object is reached: the workbook, a property, a method, an indexer, a kept reference) and
 * Actions (instantiate, query, method, set property, trace) that run in order; the first failing
 * action ends the request with an Error naming its ActionIndex, and everything before it stays
 * done — Excel batches are not transactional.
 *
 * Shapes follow what the client sends and parses (OfficeExtension.ActionType / ObjectPathType;
 * PascalCase keys in query results, `_Items` for collections, `Id` / `_Id` / `_ReferenceId` in an
 * Instantiate result so the client can re-address the object in a later request).
 */
import { type HostCall } from "./call";
import { FakeOfficeError } from "./errors";
import { HostCollection, HostObject, metaOf } from "./hostObject";

export interface WireArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: (number | null | undefined)[];
}

export interface WireObjectPath {
  Id: number;
  ObjectPathType: number;
  Name?: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: WireArgumentInfo;
}

export interface WireQueryInfo {
  Select?: string[];
  Expand?: string[];
  Top?: number;
  Skip?: number;
}

export interface WireAction {
  Id: number;
  ActionType: number;
  Name?: string;
  ObjectPathId: number;
  ArgumentInfo?: WireArgumentInfo;
  QueryInfo?: WireQueryInfo;
}

export interface WireRequestBody {
  AutoKeepReference?: boolean;
  Actions: WireAction[];
  ObjectPaths: Record<string, WireObjectPath>;
}

export interface WireError {
  Code: string;
  Message: string;
  Location?: string;
  ActionIndex?: number;
  HttpStatusCode?: number;
}

export interface WireResponseBody {
  Results?: { ActionId: number; Value: unknown }[];
  Error?: WireError;
}

const ACTION = {
  instantiate: 1,
  query: 2,
  method: 3,
  setProperty: 4,
  trace: 5,
  update: 9,
} as const;

const PATH = {
  global: 1,
  newObject: 2,
  method: 3,
  property: 4,
  indexer: 5,
  referenceId: 6,
  nullObject: 7,
} as const;

/**
 * What the client addresses once it knows an object is a null object (ObjectPathType
 * NullObject), and everything reached from it: Excel ignores calls and writes on it.
 */
class NullHost extends HostObject {
  readonly _typeName = "NullObject";

  constructor(call: HostCall) {
    super(call, { kind: "bound", target: null });
  }

  protected _get(): unknown {
    return null;
  }
}

/** "GetRange" → "getRange", "_Runtime" → "runtime", "Id" → "id". */
export function apiName(wire: string): string {
  const bare = wire.replace(/^_/, "");
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

/** "numberFormat" → "NumberFormat". */
export function wireName(api: string): string {
  return api.charAt(0).toUpperCase() + api.slice(1);
}

export type OperationKind = "path" | "method" | "set";

/** Hooks the workbook gives the dispatcher for what lives outside the object model. */
export interface DispatchHooks {
  /** The Workbook host object (ObjectPathType Global). */
  root(call: HostCall): HostObject;
  /** A `_RegisterDataChangedEvent` / `_UnregisterDataChangedEvent` on a worksheet (or all). */
  registerChanged(call: HostCall, sheetId: string | null, on: boolean): void;
  /** A range for an event's reference id (`_GetRangeForEventByReferenceId`). */
  eventRange(call: HostCall, referenceId: string, orNull: boolean): HostObject;
  /**
   * Counts an operation and refuses what the workbook does not allow (fault injection, protected
   * sheets): `kind` says whether it is an object-path method (getRange, add…), a method action
   * or a property set, on `obj`.
   */
  beforeOperation(call: HostCall, what: string, obj: HostObject, kind: OperationKind): void;
  /** A fresh reference id for a range the client may use in a later request. */
  newReferenceId(): string;
}

class Request {
  private readonly cache = new Map<number, HostObject>();

  constructor(
    private readonly call: HostCall,
    private readonly body: WireRequestBody,
    private readonly hooks: DispatchHooks,
  ) {}

  resolve(id: number): HostObject {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const path = this.body.ObjectPaths[String(id)];
    if (!path) {
      throw new FakeOfficeError("InvalidObjectPath", { args: [String(id)], location: "request" });
    }
    const obj = this.pathObject(path);
    this.cache.set(id, obj);
    return obj;
  }

  private pathObject(path: WireObjectPath): HostObject {
    const args = (): unknown[] => this.args(path.ArgumentInfo);
    switch (path.ObjectPathType) {
      case PATH.global:
        return this.hooks.root(this.call);
      case PATH.nullObject:
        return new NullHost(this.call);
      case PATH.property: {
        const parent = this.parent(path);
        if (parent instanceof NullHost) return parent;
        return parent.navigate(apiName(path.Name ?? ""));
      }
      case PATH.method: {
        const parent = this.parent(path);
        if (parent instanceof NullHost) return parent;
        const name = path.Name ?? "";
        if (name === "_GetRangeForEventByReferenceId")
          return this.hooks.eventRange(this.call, String(args()[0]), false);
        if (name === "_GetRangeOrNullObjectForEventByReferenceId")
          return this.hooks.eventRange(this.call, String(args()[0]), true);
        const where = `${parent._typeName}.${apiName(name)}`;
        this.hooks.beforeOperation(this.call, where, parent, "path");
        const result = located(where, () => invoke(parent, name, args()));
        if (!(result instanceof HostObject)) {
          throw new FakeOfficeError("NotImplemented", {
            location: `${parent._typeName}.${apiName(name)}`,
            detail: `the host's ${parent._typeName}.${apiName(name)} does not return an object`,
          });
        }
        return result;
      }
      case PATH.indexer: {
        const parent = this.parent(path);
        if (parent instanceof NullHost) return parent;
        if (!(parent instanceof HostCollection)) {
          throw new FakeOfficeError("NotImplemented", { detail: `indexer on ${parent._typeName}` });
        }
        return located(`${parent._typeName}.getItem`, () => parent.index(args()[0]) as HostObject);
      }
      case PATH.referenceId: {
        // The client names a kept range by the reference id the host gave it.
        const id = path.Name ?? "";
        const ref = this.call.runtime.references.get(id);
        if (!(ref instanceof HostObject)) {
          throw new FakeOfficeError("InvalidObjectPath", {
            args: [id],
            location: "reference",
            detail:
              "the client used a reference the host does not hold (released, or from another runtime)",
          });
        }
        return ref;
      }
      case PATH.newObject:
      default:
        throw new FakeOfficeError("NotImplemented", {
          detail: `object path type ${path.ObjectPathType} (${path.Name ?? ""}) is not modelled`,
        });
    }
  }

  private parent(path: WireObjectPath): HostObject {
    if (path.ParentObjectPathId === undefined) {
      throw new FakeOfficeError("InvalidObjectPath", { args: [String(path.Id)] });
    }
    return this.resolve(path.ParentObjectPathId);
  }

  /** Arguments, with object arguments (a Range passed to resize, sourceData…) resolved. */
  args(info: WireArgumentInfo | undefined): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    (info?.ReferencedObjectPathIds ?? []).forEach((id, i) => {
      if (typeof id === "number" && id > 0) args[i] = this.resolve(id);
    });
    return args;
  }

  run(action: WireAction): unknown {
    switch (action.ActionType) {
      case ACTION.instantiate: {
        const obj = this.resolve(action.ObjectPathId);
        return this.identityOf(obj);
      }
      case ACTION.query: {
        const obj = this.resolve(action.ObjectPathId);
        return this.query(obj, action.QueryInfo ?? {});
      }
      case ACTION.method:
        return this.method(this.resolve(action.ObjectPathId), action);
      case ACTION.setProperty: {
        const obj = this.resolve(action.ObjectPathId);
        if (obj instanceof NullHost) return null;
        const name = apiName(action.Name ?? "");
        const where = `${obj._typeName}.${name}`;
        this.hooks.beforeOperation(this.call, where, obj, "set");
        located(where, () => obj.writeScalar(name, this.args(action.ArgumentInfo)[0]));
        return null;
      }
      case ACTION.update: {
        const obj = this.resolve(action.ObjectPathId);
        this.update(obj, this.args(action.ArgumentInfo)[0]);
        return null;
      }
      case ACTION.trace:
        return null;
      default:
        throw new FakeOfficeError("NotImplemented", {
          detail: `action type ${action.ActionType} is not modelled`,
        });
    }
  }

  private method(obj: HostObject, action: WireAction): unknown {
    const name = action.Name ?? "";
    const args = this.args(action.ArgumentInfo);
    switch (name) {
      case "_KeepReference":
        // The host keeps every range it hands out a reference id for (see identityOf).
        return null;
      case "_RemoveReference":
        // Sent on the workbook when Excel.run ends (or trackedObjects.remove): release it.
        this.call.runtime.references.delete(String(args[0]));
        return null;
      case "_RegisterDataChangedEvent":
      case "_UnregisterDataChangedEvent": {
        const on = name === "_RegisterDataChangedEvent";
        const sheetEvent = obj._typeName === "Worksheet";
        this.call._require(sheetEvent ? "1.7" : "1.9", `${obj._typeName}.onChanged`);
        const sheetId = obj._typeName === "Worksheet" ? String(obj.readScalar("id")) : null;
        this.hooks.registerChanged(this.call, sheetId, on);
        return null;
      }
      default: {
        if (obj instanceof NullHost) return null;
        const where = `${obj._typeName}.${apiName(name)}`;
        this.hooks.beforeOperation(this.call, where, obj, "method");
        return toWire(located(where, () => invoke(obj, name, args)));
      }
    }
  }

  private update(obj: HostObject, props: unknown): void {
    if (!props || typeof props !== "object") return;
    for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
      const name = apiName(key);
      if (metaOf(obj).navs.includes(name)) this.update(obj.navigate(name), value);
      else {
        this.hooks.beforeOperation(this.call, `${obj._typeName}.${name}`, obj, "set");
        obj.writeScalar(name, value);
      }
    }
  }

  /** What an Instantiate (or a query) tells the client about an object's identity. */
  private identityOf(obj: HostObject): Record<string, unknown> | null {
    if (obj.isNull) return null;
    const identity = { ...obj.identity() };
    if (obj._typeName === "Range" || obj._typeName === "RangeAreas") {
      let ref = this.refs.get(obj);
      if (ref === undefined) {
        ref = this.hooks.newReferenceId();
        this.refs.set(obj, ref);
        this.call.runtime.references.set(ref, obj);
      }
      identity._ReferenceId = ref;
    }
    return identity;
  }

  private readonly refs = new Map<HostObject, string>();

  private query(obj: HostObject, info: WireQueryInfo): unknown {
    if (obj instanceof HostCollection) {
      if (obj.isNull) return null;
      const items = obj.items(info.Top, info.Skip) as HostObject[];
      return { _Items: items.map((item) => this.serialize(item, info.Select, info.Expand)) };
    }
    if (obj.isNull) return null;
    return this.serialize(obj, info.Select, info.Expand);
  }

  private serialize(
    obj: HostObject,
    select: string[] | undefined,
    expand: string[] | undefined,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this.identityOf(obj) };
    const meta = metaOf(obj);
    if (!select && !expand) {
      for (const name of meta.scalars) {
        try {
          out[wireName(name)] = toWire(obj.readScalar(name));
        } catch (e) {
          // "Load everything" skips what this host version lacks, as Excel does.
          if (!(e instanceof FakeOfficeError) || e.code !== "ApiNotFound") throw e;
        }
      }
      return out;
    }
    for (const entry of select ?? []) this.put(obj, out, entry.split("/"), false);
    for (const entry of expand ?? []) this.put(obj, out, entry.split("/"), true);
    return out;
  }

  /** One select ("format/fill/color") or expand ("format/font") entry into `out`. */
  private put(obj: HostObject, out: Record<string, unknown>, parts: string[], all: boolean): void {
    const [head, ...rest] = parts;
    if (head === undefined || head === "") return;
    const name = apiName(head);
    if (rest.length === 0 && !all && !metaOf(obj).navs.includes(name)) {
      out[wireName(name)] = toWire(obj.readScalar(name));
      return;
    }
    const child = obj.navigate(name);
    if (child instanceof HostCollection) {
      const items = child.items() as HostObject[];
      out[wireName(name)] = {
        _Items: items.map((item) =>
          rest.length ? this.nested(item, rest, all) : this.serialize(item, undefined, undefined),
        ),
      };
      return;
    }
    if (child.isNull) {
      out[wireName(name)] = null;
      return;
    }
    const existing = out[wireName(name)];
    const target =
      existing && typeof existing === "object"
        ? (existing as Record<string, unknown>)
        : { ...this.identityOf(child) };
    if (rest.length) this.put(child, target, rest, all);
    else Object.assign(target, this.serialize(child, undefined, undefined));
    out[wireName(name)] = target;
  }

  private nested(obj: HostObject, parts: string[], all: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this.identityOf(obj) };
    this.put(obj, out, parts, all);
    return out;
  }
}

/** Runs `fn`; an error without a location gets `where` (Excel's debugInfo.errorLocation). */
function located<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FakeOfficeError) e.debugInfo.errorLocation ??= where;
    throw e;
  }
}

/** Calls the host method the API name maps to ("GetItemOrNullObject" → getItemOrNullObject). */
function invoke(obj: HostObject, wire: string, args: unknown[]): unknown {
  const name = apiName(wire);
  const fn = (obj as unknown as Record<string, unknown>)[name];
  if (typeof fn !== "function" || name.startsWith("_") || name === "constructor") {
    throw new FakeOfficeError("ApiNotFound", {
      args: [`${obj._typeName}.${name}`, "ExcelApi"],
      location: `${obj._typeName}.${name}`,
      detail: `the host does not implement ${obj._typeName}.${name}`,
    });
  }
  return (fn as (...a: unknown[]) => unknown).apply(obj, args);
}

/** A value as JSON carries it (a ClientResult's value, a query's scalar). */
function toWire(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof HostObject) return null;
  return value;
}

/**
 * Runs one request body. Returns the response body; `failedAt` is the index of the failing
 * action (for the workbook's sync record).
 */
export function dispatchRequest(
  call: HostCall,
  body: WireRequestBody,
  hooks: DispatchHooks,
): { body: WireResponseBody; error?: FakeOfficeError; operations: number } {
  const request = new Request(call, body, hooks);
  const results: { ActionId: number; Value: unknown }[] = [];
  for (const [index, action] of body.Actions.entries()) {
    try {
      results.push({ ActionId: action.Id, Value: request.run(action) });
    } catch (e) {
      const error =
        e instanceof FakeOfficeError
          ? e
          : new FakeOfficeError("GeneralException", {
              detail: `host bug: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
            });
      error.debugInfo.statement = `action ${index + 1} of ${body.Actions.length}`;
      if (!(e instanceof FakeOfficeError)) console.error("FakeExcel host bug", e);
      return {
        body: {
          Error: {
            Code: error.code,
            Message: error.message,
            ...(error.debugInfo.errorLocation ? { Location: error.debugInfo.errorLocation } : {}),
            ActionIndex: index,
            HttpStatusCode: error.httpStatusCode,
          },
        },
        error,
        operations: body.Actions.length,
      };
    }
  }
  return { body: { Results: results }, operations: body.Actions.length };
}
