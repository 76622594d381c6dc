/**
 * The host side of one Excel JavaScript API object — a Range, its Format, a Worksheet, a
 * collection — bound to the workbook model. The client side (proxies, load tracking,
 * PropertyNotLoaded, ClientResult) is Microsoft's own: excel-web-16.00.debug.js serialises what
 * product code does into RichApi request messages, and the dispatcher (dispatch.ts) resolves each
 * message's object paths to these objects and runs its actions on them, in order, at once.
 *
 * A subclass declares its properties with `defineHost` (scalars that a query may select, the
 * writable ones, navigation properties) and implements `_get`/`_set`; methods named as in the
 * API (camelCase) are what the dispatcher calls for an object-path method ("GetRange") or a
 * method action ("Delete"): `_child` for those that return an object, `_call` for void ones,
 * `_result` for those whose value the client receives as a ClientResult.
 */
import type { HostCall } from "./call";
import { FakeOfficeError } from "./errors";

export interface HostMeta {
  scalars: readonly string[];
  writable: readonly string[];
  navs: readonly string[];
}

const META = new Map<unknown, HostMeta>();

/** Declares a host class's loadable scalars (`writable` ones settable too) and navigations. */
export function defineHost(
  cls: abstract new (...args: never[]) => HostObject,
  meta: { scalars?: readonly string[]; writable?: readonly string[]; navs?: readonly string[] },
): void {
  META.set(cls, {
    scalars: [...(meta.scalars ?? []), ...(meta.writable ?? [])],
    writable: meta.writable ?? [],
    navs: meta.navs ?? [],
  });
}

export function metaOf(obj: HostObject): HostMeta {
  let proto: unknown = Object.getPrototypeOf(obj);
  while (proto) {
    const meta = META.get((proto as { constructor: unknown }).constructor);
    if (meta) return meta;
    proto = Object.getPrototypeOf(proto);
  }
  return { scalars: [], writable: [], navs: [] };
}

/**
 * How an object is reached: directly (the workbook, a collection's item), or from a parent
 * (`resolve` maps the parent's model object to this one; null = a null object, as the
 * *OrNullObject methods give).
 */
export type Binding =
  | { kind: "root"; target: unknown }
  | { kind: "bound"; target: unknown }
  | {
      kind: "child";
      parent: HostObject;
      resolve: (parentTarget: never) => unknown;
      method: string;
      args?: unknown[];
    };

function describeArg(arg: unknown): string {
  if (arg instanceof HostObject) return arg._path;
  const text = JSON.stringify(arg) ?? "undefined";
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export abstract class HostObject {
  abstract readonly _typeName: string;
  readonly _ctx: HostCall;
  /** The model object; null for a null object. */
  readonly _bound: unknown;
  /** Human-readable path, for error locations. */
  readonly _path: string;
  /** The object this one was reached from (null for a root or a collection's item). */
  readonly _parent: HostObject | null;
  private readonly _navCache = new Map<string, HostObject>();

  constructor(ctx: HostCall, binding: Binding) {
    this._ctx = ctx;
    if (binding.kind !== "child") {
      this._parent = null;
      this._bound = binding.target;
      this._path = binding.kind === "root" ? "workbook" : "item";
      return;
    }
    const { parent, resolve, method, args } = binding;
    this._parent = parent;
    this._path = `${parent._path}.${method}(${(args ?? []).map(describeArg).join(",")})`;
    const pt = parent._target();
    this._bound = pt === null ? null : resolve(pt as never);
  }

  get isNull(): boolean {
    return this._bound === null;
  }

  /** The model object; ItemNotFound once it was deleted (a sheet, a rule, a table…). */
  _target(): unknown {
    if (this._bound !== null && this._isGone(this._bound)) {
      throw new FakeOfficeError("ItemNotFound", {
        location: this._typeName,
        detail: `the ${this._typeName} behind ${this._path} was deleted`,
      });
    }
    return this._bound;
  }

  protected _isGone(target: unknown): boolean {
    return (target as { deleted?: boolean }).deleted === true;
  }

  /** Reads a scalar from the model. */
  protected abstract _get(target: unknown, name: string): unknown;

  /** Applies a property write to the model. */
  protected _set(_target: unknown, name: string, _value: unknown): void {
    throw new FakeOfficeError("NotImplemented", {
      detail: `${this._typeName}.${name} cannot be set in the fake`,
    });
  }

  /** A void method action: runs on the model object (nothing happens on a null object). */
  protected _call(_method: string, _args: unknown[], run: (target: never) => void): void {
    const t = this._target();
    if (t !== null) run(t as never);
  }

  /** A method action whose value the client receives (a ClientResult). */
  protected _result<T>(_method: string, _args: unknown[], compute: (target: never) => T): T {
    const t = this._target();
    return t === null ? (undefined as T) : compute(t as never);
  }

  /** A navigation property's object (one per parent). */
  protected _nav<T extends HostObject>(name: string, make: () => T): T {
    let child = this._navCache.get(name);
    if (!child) {
      child = make();
      this._navCache.set(name, child);
    }
    return child as T;
  }

  /** An object returned by a method (getItem, getRange, add…). */
  protected _child<T extends HostObject>(
    make: (binding: Binding) => T,
    method: string,
    args: unknown[],
    resolve: (parentTarget: never) => unknown,
  ): T {
    return make({
      kind: "child",
      parent: this,
      method: `${this._typeName}.${method}`,
      args,
      resolve,
    });
  }

  /** A property read through the API's name (a query's select). */
  readScalar(name: string): unknown {
    const meta = metaOf(this);
    if (!meta.scalars.includes(name)) {
      throw new FakeOfficeError("InvalidArgument", {
        location: `${this._typeName}.${name}`,
        detail: `${this._typeName} has no loadable property "${name}" (known: ${meta.scalars.join(", ")})`,
      });
    }
    return this._get(this._target(), name);
  }

  /** A SetProperty action. */
  writeScalar(name: string, value: unknown): void {
    const meta = metaOf(this);
    if (!meta.writable.includes(name)) {
      throw new FakeOfficeError("InvalidArgument", {
        location: `${this._typeName}.${name}`,
        detail: `The property '${name}' is read-only and it cannot be updated.`,
      });
    }
    const t = this._target();
    if (t !== null) this._set(t, name, value);
  }

  /** A navigation property (an object path of type Property). */
  navigate(name: string): HostObject {
    if (!metaOf(this).navs.includes(name)) {
      throw new FakeOfficeError("InvalidArgument", {
        location: `${this._typeName}.${name}`,
        detail: `${this._typeName} has no navigation property "${name}"`,
      });
    }
    const child = (this as unknown as Record<string, unknown>)[name];
    if (!(child instanceof HostObject)) {
      throw new FakeOfficeError("NotImplemented", { detail: `${this._typeName}.${name}` });
    }
    return child;
  }

  /**
   * What an Instantiate action answers for this object besides "not null": the keys the client
   * uses to re-address it in later requests (Worksheet, Table, Chart… send "Id").
   */
  identity(): Record<string, unknown> {
    return {};
  }
}

export abstract class HostCollection<TItem extends HostObject> extends HostObject {
  /** The model objects in the collection, in order. */
  protected abstract _list(target: never): unknown[];

  /** The host object of one model object. */
  protected abstract _item(target: unknown): TItem;

  protected _get(target: unknown, name: string): unknown {
    if (name === "count") return this._list(target as never).length;
    throw new FakeOfficeError("InvalidArgument", {
      detail: `${this._typeName} has no property ${name}`,
    });
  }

  /** The items, for a query of the collection (with its top/skip). */
  items(top?: number, skip?: number): TItem[] {
    const t = this._target();
    if (t === null) return [];
    let targets = this._list(t as never);
    if (skip) targets = targets.slice(skip);
    if (top !== undefined) targets = targets.slice(0, top);
    return targets.map((target) => this._item(target));
  }

  /**
   * The Indexer object path: what `getItem(key)` gives, and how the client re-addresses an item
   * of a loaded collection by its id.
   */
  index(key: unknown): TItem {
    const getItem = (this as unknown as { getItem?: (k: unknown) => TItem }).getItem;
    if (typeof getItem !== "function") {
      throw new FakeOfficeError("NotImplemented", { detail: `${this._typeName}[${String(key)}]` });
    }
    return getItem.call(this, key);
  }

  /** GetItemAt: how the client addresses a loaded item that has no id. */
  getItemAt(index: number): TItem {
    const item = this.items()[index];
    if (!item) {
      throw new FakeOfficeError("ItemNotFound", {
        location: `${this._typeName}.getItemAt`,
        detail: `no item at index ${index}`,
      });
    }
    return item;
  }
}
