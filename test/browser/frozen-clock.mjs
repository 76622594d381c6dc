// Preload for running the real CLI (`node bin/plan-tracker.js …`) on a fixed day in the browser
// suite, the way the page's clock is frozen with playwright: `node --import <this> …` with
// PT_FROZEN_NOW set (an ISO date-time). Only "now" changes: new Date() and Date.now() return it;
// every other use of Date (parsing, UTC, instanceof) is the real one.
const fixed = Date.parse(process.env.PT_FROZEN_NOW ?? "");
if (Number.isNaN(fixed))
  throw new Error(`PT_FROZEN_NOW is not a date: "${process.env.PT_FROZEN_NOW}"`);
const RealDate = Date;

globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length === 0 ? [fixed] : args, newTarget);
  },
  apply() {
    return new RealDate(fixed).toString();
  },
  get(target, prop, receiver) {
    return prop === "now" ? () => fixed : Reflect.get(target, prop, receiver);
  },
});
