// Which of the suite's messages each role signs from the wallet page, how a
// message's arguments are asked for, and what a contract answered, decoded
// with the contract's own metadata. Nothing here talks to a node: chain.ts
// does, with these.
import { SuiteCalls } from './calls.js';

/** A message a person signs: `contract.message`. */
export interface Action {
  contract: string;
  message: string;
}

const act = (contract: string, ...messages: string[]): Action[] => messages.map((message) => ({ contract, message }));

/** The actions each person's role may take (the contracts check the role
 * again; this only keeps the page from offering what would be refused). */
export const ROLE_ACTIONS: Record<string, Action[]> = {
  Vendor: [
    ...act('tender', 'commit_bid', 'withdraw_bid', 'reveal_bid', 'claim_bond'),
    ...act('escrow', 'sign', 'deliver', 'escalate'),
    ...act('evaluation', 'protest'),
  ],
  ProcurementOfficer: [...act('tender', 'publish', 'amend', 'cancel'), ...act('evaluation', 'appoint', 'replace', 'replace_inspector')],
  Evaluator: act('evaluation', 'declare', 'score'),
  Inspector: act('escrow', 'approve', 'reject'),
  Treasurer: act('budget', 'approve_release', 'reject_release'),
  Auditor: [...act('evaluation', 'resolve'), ...act('escrow', 'decide_escalation', 'decide_claim')],
  Admin: act('governor', 'schedule', 'cancel'),
};

/** What anyone may do: steps whose time has come, which need no role. */
export const ANYONE: Action[] = [
  ...act('tender', 'forfeit_bond'),
  ...act('evaluation', 'finalize', 'conclude', 'settle_winner', 'award_next', 'close', 'close_stalled', 'close_without_bids', 'settle_protest'),
  ...act('escrow', 'lapse', 'complete'),
  ...act('budget', 'execute_release'),
  ...act('governor', 'execute'),
];

/** The actions offered to an account holding `roles`, each once, in order. */
export function actionsFor(roles: string[]): Action[] {
  const seen = new Set<string>();
  const out: Action[] = [];
  for (const a of [...roles.flatMap((r) => ROLE_ACTIONS[r] ?? []), ...ANYONE]) {
    const key = `${a.contract}.${a.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}

/** One argument as the page asks for it: a plain field, a choice among an
 * enum's variants, or JSON for a structure. */
export interface Field {
  name: string;
  type: string;
  kind: 'text' | 'choice' | 'json';
  choices?: string[];
}

/** The fields of `message`, from the metadata, and whether it takes a value. */
export function fieldsOf(calls: SuiteCalls, contract: string, message: string): { fields: Field[]; payable: boolean } {
  const m = calls.message(contract, message);
  const fields = m.args.map((arg): Field => {
    const named = arg.type.displayName || arg.type.type;
    const info = SuiteCalls.typeInfo(arg.type);
    if (info.variants) return { name: arg.name, type: named, kind: 'choice', choices: info.variants };
    if (!info.plain) return { name: arg.name, type: named, kind: 'json' };
    // A plain value by its name in the contract and what it is: `TenderId: u32`.
    const type = named === arg.type.type ? named : `${named}: ${arg.type.type}`;
    return { name: arg.name, type, kind: 'text' };
  });
  return { fields, payable: m.isPayable };
}

/** A field's text as the argument `encode` takes. */
export function argument(field: Field, text: string): unknown {
  const t = text.trim();
  if (field.kind === 'json') {
    try {
      return JSON.parse(t);
    } catch {
      throw new Error(`${field.name}: not JSON (${field.type})`);
    }
  }
  return t;
}

/** What a contract answered a call with. */
export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; error: string; detail: unknown };

/** The contract's answer `data` (what a dry run returns, flags aside),
 * decoded as `message`'s `Result<Result<T, Error>, LangError>`. */
export function outcome(calls: SuiteCalls, contract: string, message: string, data: Uint8Array): Outcome {
  const decoded = calls.decodeReturn(contract, message, data) as unknown as {
    isOk: boolean;
    asOk: { isOk?: boolean; asOk?: { toJSON(): unknown }; asErr?: Variant; toJSON(): unknown };
    asErr: Variant;
  };
  if (!decoded.isOk) return { ok: false, error: `LangError::${decoded.asErr.type}`, detail: null };
  const inner = decoded.asOk;
  if (inner.isOk === undefined) return { ok: true, value: inner.toJSON() };
  if (inner.isOk) return { ok: true, value: inner.asOk?.toJSON() ?? null };
  const error = inner.asErr as Variant;
  return { ok: false, error: error.type ?? String(error), detail: error.toJSON() };
}

interface Variant {
  type: string;
  toJSON(): unknown;
}
