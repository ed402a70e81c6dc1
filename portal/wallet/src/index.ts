// The browser side of the portal's signed pages (issue 23, first part):
// what must agree with the contracts byte for byte and rule for rule, and
// the /wallet page's behaviour.
export * from './commitment.js';
export * from './receipt.js';
export * from './rules.js';
export * from './errors.js';
export * from './calls.js';
export { attach } from './page.js';
export * from './actions.js';
export { SuiteChain } from './chain.js';
export { amount, eventText } from './act.js';
