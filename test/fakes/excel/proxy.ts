/**
 * The proxy-object model of Office.js, reproduced: every API object is a local proxy; creating
 * one, setting a property, calling a method or `load()` only queues an operation; `context.sync()`
 * executes the queue in order against the FakeWorkbook. A scalar property can be read only after
 * it was loaded and a sync fulfilled the load (else PropertyNotLoaded), and it then holds the
 * value as of that point of the batch. As in office.js, a property you set is remembered locally
 * (its setter stores the value), so reading it back returns what you wrote, not Excel's value.
 */
import type { FakeRequestContext } from "./context";
import { FakeOfficeError, notLoaded } from "./errors";

export type LoadOption =
  | string
  | string[]
  | { select?: string | string[]; expand?: string | string[]; top?: number; skip?: number };

export interface LoadTree {
  all: boolean;
  props: Set<string>;
  navs: Map<string, LoadTree>;
  items?: LoadTree;
  top?: number;
  skip?: number;
}

interface Meta {
  scalars: readonly string[];
  writable: readonly string[];
  navs: readonly string[];
}

const META = new Map<unknown, Meta>();
const UNBOUND = Symbol("unbound");

/**
 * Declares a proxy class's scalar properties (loadable; `writable` ones also settable) and
 * navigation properties, and installs Office.js-like accessors for the scalars.
 */
export function defineProxy(
  cls: abstract new (...args: never[]) => FakeClientObject,
  meta: { scalars?: readonly string[]; writable?: readonly string[]; navs?: readonly string[] },
): void {
  const scalars = [...(meta.scalars ?? []), ...(meta.writable ?? [])];
  const writable = meta.writable ?? [];
  META.set(cls, { scalars, writable, navs: meta.navs ?? [] });
  for (const name of scalars) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: FakeClientObject) {
        return this._read(name);
      },
      set(this: FakeClientObject, value: unknown) {
        if (!writable.includes(name)) {
          throw new FakeOfficeError("InvalidArgument", {
            location: `${this._typeName}.${name}`,
            detail: `The property '${name}' is read-only and it cannot be updated.`,
          });
        }
        this._writeProp(name, value);
      },
    });
  }
}

function metaOf(obj: FakeClientObject): Meta {
  let proto: unknown = Object.getPrototypeOf(obj);
  while (proto) {
    const meta = META.get((proto as { constructor: unknown }).constructor);
    if (meta) return meta;
    proto = Object.getPrototypeOf(proto);
  }
  return { scalars: [], writable: [], navs: [] };
}

export type Binding =
  | { kind: "root"; target: unknown }
  | { kind: "bound"; target: unknown }
  | {
      kind: "child";
      parent: FakeClientObject;
      /** Resolves the target from the parent's target while the batch executes; null = null object. */
      resolve: (parentTarget: never) => unknown;
      method: string;
      args?: unknown[];
    };

export abstract class FakeClientObject {
  abstract readonly _typeName: string;
  readonly _ctx: FakeRequestContext;
  /** Object id in request payloads (the RichApi protocol refers to objects by id). */
  readonly _id: number;
  /** Human-readable object path, for error messages. */
  readonly _path: string;
  _bound: unknown = UNBOUND;
  _isNull: boolean | undefined;
  readonly _values = new Map<string, unknown>();
  private readonly _navCache = new Map<string, FakeClientObject>();

  constructor(ctx: FakeRequestContext, binding: Binding) {
    this._ctx = ctx;
    this._id = ctx._nextId();
    if (binding.kind === "root" || binding.kind === "bound") {
      this._path = binding.kind === "root" ? "root" : `item#${this._id}`;
      this._bound = binding.target;
      this._isNull = false;
      return;
    }
    const { parent, resolve, method, args } = binding;
    if (parent._ctx !== ctx) {
      throw new FakeOfficeError("InvalidRequestContext", { location: method });
    }
    this._path = `${parent._path}.${method}(${(args ?? []).map((a) => JSON.stringify(a, replacer)).join(",")})`;
    const bind = (): void => {
      const pt = parent._target();
      const target = pt === null ? null : resolve(pt as never);
      this._bound = target;
      ctx._stage(() => {
        this._isNull = target === null;
      });
    };
    if (ctx._executing) {
      // Created while a batch executes (items of a loaded collection, their navigation objects).
      bind();
      this._isNull = this._bound === null;
      return;
    }
    ctx._enqueue({
      loc: method,
      payload: { I: this._id, P: parent._id, M: method, A: args ?? [] },
      run: bind,
    });
  }

  get context(): FakeRequestContext {
    return this._ctx;
  }

  /** Readable after the sync that created the object (getItemOrNullObject, …). */
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded("isNullObject", this._typeName);
    return this._isNull;
  }

  /** The model object while a batch executes; null for a null object. */
  _target(): unknown {
    if (this._bound === UNBOUND) {
      throw new FakeOfficeError("InvalidObjectPath", {
        args: [this._path],
        location: this._typeName,
      });
    }
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

  /** Reads a scalar: loaded (and synced) or locally set, else PropertyNotLoaded. */
  _read(name: string): unknown {
    if (this._values.has(name)) return this._values.get(name);
    if (this._isNull === true) return undefined;
    throw notLoaded(name, this._typeName);
  }

  _writeProp(name: string, value: unknown): void {
    this._values.set(name, value);
    this._ctx._enqueue({
      loc: `${this._typeName}.${name}`,
      payload: { O: this._id, S: name, V: value },
      run: () => {
        const t = this._target();
        if (t !== null) this._set(t, name, value);
      },
    });
  }

  /** Reads a scalar from the model (during a sync). */
  protected abstract _get(target: unknown, name: string): unknown;

  /** Applies a property write to the model (during a sync). */
  protected _set(_target: unknown, name: string, _value: unknown): void {
    throw new FakeOfficeError("NotImplemented", {
      detail: `${this._typeName}.${name} cannot be set in the fake`,
    });
  }

  /** Queues a method call; `run` gets the target (skipped for a null object). */
  protected _call(method: string, args: unknown[], run: (target: never) => void): void {
    this._ctx._enqueue({
      loc: `${this._typeName}.${method}`,
      payload: { O: this._id, M: method, A: args },
      run: () => {
        const t = this._target();
        if (t !== null) run(t as never);
      },
    });
  }

  /** Queues a method returning a ClientResult. */
  protected _result<T>(
    method: string,
    args: unknown[],
    compute: (target: never) => T,
  ): FakeClientResult<T> {
    const result = new FakeClientResult<T>();
    this._ctx._enqueue({
      loc: `${this._typeName}.${method}`,
      payload: { O: this._id, M: method, A: args },
      run: () => {
        const t = this._target();
        const value = t === null ? (undefined as T) : compute(t as never);
        this._ctx._addResponse(value);
        this._ctx._stage(() => result._resolve(value));
      },
    });
    return result;
  }

  /** A navigation property's proxy (created once per parent, like office.js). */
  protected _nav<T extends FakeClientObject>(name: string, make: () => T): T {
    let child = this._navCache.get(name);
    if (!child) {
      child = make();
      this._navCache.set(name, child);
    }
    return child as T;
  }

  /** Child proxy created by a method (getItem, getRange, add…). */
  protected _child<T extends FakeClientObject>(
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

  load(option?: LoadOption): this {
    const tree = parseLoad(option, this instanceof FakeCollection);
    this._prepare(tree);
    this._ctx._enqueue({
      loc: `${this._typeName}.load`,
      payload: { O: this._id, Q: option ?? null },
      run: () => this._snapshot(tree),
    });
    return this;
  }

  /** Creates navigation proxies named in a load path before the load is queued. */
  _prepare(tree: LoadTree): void {
    const navs = metaOf(this).navs;
    for (const name of [...tree.props]) {
      if (navs.includes(name)) {
        tree.props.delete(name);
        tree.navs.set(name, { all: true, props: new Set(), navs: new Map() });
      }
    }
    for (const [name, sub] of tree.navs) {
      if (!navs.includes(name)) continue;
      const child = (this as unknown as Record<string, unknown>)[name];
      if (child instanceof FakeClientObject) child._prepare(sub);
    }
  }

  _snapshot(tree: LoadTree): void {
    const t = this._target();
    if (t === null) return;
    const meta = metaOf(this);
    const names = tree.all ? meta.scalars : [...tree.props];
    for (const name of names) {
      if (!meta.scalars.includes(name)) {
        throw new FakeOfficeError("InvalidArgument", {
          location: `${this._typeName}.load`,
          detail: `${this._typeName} has no loadable property "${name}" (known: ${meta.scalars.join(", ")})`,
        });
      }
      const value = this._get(t, name);
      this._ctx._addResponse(value);
      this._ctx._stage(() => this._values.set(name, value));
    }
    for (const [name, sub] of tree.navs) {
      if (!meta.navs.includes(name)) {
        throw new FakeOfficeError("InvalidArgument", {
          location: `${this._typeName}.load`,
          detail: `${this._typeName} has no navigation property "${name}"`,
        });
      }
      const child = (this as unknown as Record<string, unknown>)[name];
      if (child instanceof FakeClientObject) child._snapshot(sub);
    }
  }

  /** Sets several properties at once (nested objects go to navigation properties). */
  set(properties: Record<string, unknown>): void {
    const meta = metaOf(this);
    for (const [name, value] of Object.entries(properties)) {
      if (meta.writable.includes(name)) {
        (this as unknown as Record<string, unknown>)[name] = value;
      } else if (meta.navs.includes(name) && value && typeof value === "object") {
        const child = (this as unknown as Record<string, unknown>)[name];
        if (child instanceof FakeClientObject) child.set(value as Record<string, unknown>);
      } else {
        throw new FakeOfficeError("InvalidArgument", {
          location: `${this._typeName}.set`,
          detail: `${this._typeName} has no settable property "${name}"`,
        });
      }
    }
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this._values) out[k] = v;
    for (const [k, child] of this._navCache) {
      const json = child.toJSON();
      if (Object.keys(json).length) out[k] = json;
    }
    return out;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

export abstract class FakeCollection<TItem extends FakeClientObject> extends FakeClientObject {
  _items: TItem[] | undefined;

  get items(): TItem[] {
    if (this._items === undefined) {
      if (this._isNull === true) return [];
      throw notLoaded("items", this._typeName);
    }
    return this._items;
  }

  /** The model objects in the collection, in order (during a sync). */
  protected abstract _list(target: never): unknown[];

  /** A proxy for one model object, bound directly (created while a batch executes). */
  protected abstract _item(target: unknown): TItem;

  protected _get(target: unknown, name: string): unknown {
    if (name === "count") return this._list(target as never).length;
    throw new FakeOfficeError("InvalidArgument", {
      detail: `${this._typeName} has no property ${name}`,
    });
  }

  override _snapshot(tree: LoadTree): void {
    super._snapshot({ ...tree, all: false, navs: new Map() });
    const t = this._target();
    if (t === null) return;
    const itemTree = tree.items ?? { all: true, props: new Set(), navs: new Map() };
    let targets = this._list(t as never);
    if (tree.skip) targets = targets.slice(tree.skip);
    if (tree.top !== undefined) targets = targets.slice(0, tree.top);
    const items = targets.map((target) => this._item(target));
    for (const item of items) {
      item._prepare(itemTree);
      item._snapshot(itemTree);
    }
    this._ctx._stage(() => {
      this._items = items;
    });
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      ...(this._items ? { items: this._items.map((i) => i.toJSON()) } : {}),
    };
  }
}

export class FakeClientResult<T> {
  private _value: T | undefined;
  private _done = false;

  get value(): T {
    if (!this._done)
      throw new FakeOfficeError("ValueNotLoaded", { location: "ClientResult.value" });
    return this._value as T;
  }

  _resolve(value: T): void {
    this._value = value;
    this._done = true;
  }

  toJSON(): unknown {
    return this._done ? this._value : undefined;
  }
}

function splitPaths(input: string | string[] | undefined): string[] {
  if (input === undefined) return [];
  const list = Array.isArray(input) ? input : input.split(",");
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

function emptyTree(all = false): LoadTree {
  return { all, props: new Set(), navs: new Map() };
}

function addPath(tree: LoadTree, parts: string[], isCollection: boolean, expand: boolean): void {
  if (isCollection) {
    if (parts[0] === "items") parts = parts.slice(1);
    else if (parts.length === 1 && parts[0] === "count") {
      tree.props.add("count");
      return;
    }
    tree.items ??= emptyTree(parts.length === 0);
    if (parts.length > 0) addPath(tree.items, parts, false, expand);
    return;
  }
  const [head = "", ...rest] = parts;
  if (head === "*") {
    tree.all = true;
    return;
  }
  if (rest.length === 0 && !expand) {
    // A plain name is a scalar, or a navigation property loaded with all its scalars.
    tree.props.add(head);
    return;
  }
  let sub = tree.navs.get(head);
  if (!sub) {
    sub = emptyTree(rest.length === 0);
    tree.navs.set(head, sub);
  }
  if (rest.length === 0) sub.all = true;
  else addPath(sub, rest, false, expand);
}

export function parseLoad(option: LoadOption | undefined, isCollection: boolean): LoadTree {
  const tree = emptyTree(false);
  let select: string[] = [];
  let expand: string[] = [];
  if (option === undefined || option === "" || (Array.isArray(option) && option.length === 0)) {
    if (isCollection) tree.items = emptyTree(true);
    else tree.all = true;
    return tree;
  }
  if (typeof option === "string" || Array.isArray(option)) select = splitPaths(option);
  else {
    select = splitPaths(option.select);
    expand = splitPaths(option.expand);
    if (option.top !== undefined) tree.top = option.top;
    if (option.skip !== undefined) tree.skip = option.skip;
    if (select.length === 0) {
      if (isCollection) tree.items = emptyTree(true);
      else tree.all = true;
    }
  }
  for (const path of select) addPath(tree, path.split("/"), isCollection, false);
  for (const path of expand) addPath(tree, path.split("/"), isCollection, true);
  return tree;
}

/** Proxies inside request payloads serialise as their object id. */
export function replacer(_key: string, value: unknown): unknown {
  if (value instanceof FakeClientObject) return { O: value._id };
  return value;
}
