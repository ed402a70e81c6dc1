// The wallet page's "Act" panel: every action the connected account's
// roles allow, its arguments asked for from the contract's metadata, a dry
// run on the portal's node (the contract's refusal in words, or the fee and
// storage deposit), then signing by the wallet extension and the events of
// the block it landed in. Other forms on the page (seal a bid, open a
// receipt, check a tender form) fill it in.
import type { Signer } from '@polkadot/api/types';
import { SuiteCalls } from './calls.js';
import { actionsFor, argument, fieldsOf, type Action, type Field } from './actions.js';
import { REVERTED, SuiteChain, type DryRun, type Included } from './chain.js';
import { explain, type Lang } from './errors.js';

/** The suite contracts a person acts on, by their bundle names. */
const CONTRACTS = ['tender', 'evaluation', 'escrow', 'budget', 'governor'];

const WORDS = {
  en: {
    noNode: 'This portal names no node: dry runs and signing are not available here. Everything else on this page still works.',
    noAccount: 'Connect a wallet, or look up an account, first: the call is made as that account.',
    choose: 'Choose an action',
    checking: 'Asking the node what this call would do…',
    chainRefused: (why: string) => `The chain would stop this call: ${why}. Nothing was signed.`,
    refused: (words: string, error: string) => `The contract would refuse: ${words} (${error}). Nothing was signed.`,
    accepted: (result: string, fee: string, deposit: string, gas: string) =>
      `The contract would accept this${result}. Fee about ${fee}; storage deposit ${deposit}; gas ${gas}. Sign and send to do it.`,
    returns: (v: string) => `, answering ${v}`,
    noSigner: 'No connected wallet holds this account: connect the wallet that does, then check again.',
    signing: 'Waiting for your wallet to sign, then for a block…',
    inBlock: (n: number, hash: string) => `Done: in block #${n} (${hash}).`,
    failed: (n: number, why: string) => `The call failed in block #${n}: ${why}. Fees were paid; nothing else changed.`,
    notSent: (why: string) => `Not sent: ${why}.`,
    value: 'Value attached (the bond, in the chain\'s smallest unit)',
    reverted: 'the contract refused it as it ran (something changed since the dry run); check again',
    refund: (a: string) => `${a} refunded`,
  },
  zh: {
    noNode: '本门户未配置节点：此处无法试运行和签名。本页其他功能仍可使用。',
    noAccount: '请先连接钱包或查询账户：调用将以该账户发起。',
    choose: '选择操作',
    checking: '正在向节点询问此调用的结果……',
    chainRefused: (why: string) => `链会终止此调用：${why}。未签署任何内容。`,
    refused: (words: string, error: string) => `合约会拒绝：${words}（${error}）。未签署任何内容。`,
    accepted: (result: string, fee: string, deposit: string, gas: string) =>
      `合约会接受此调用${result}。手续费约 ${fee}；存储押金 ${deposit}；燃料 ${gas}。点击“签名并发送”执行。`,
    returns: (v: string) => `，返回 ${v}`,
    noSigner: '已连接的钱包中没有此账户：请连接持有它的钱包后再试运行。',
    signing: '等待钱包签名，然后等待出块……',
    inBlock: (n: number, hash: string) => `已完成：位于区块 #${n}（${hash}）。`,
    failed: (n: number, why: string) => `调用在区块 #${n} 中失败：${why}。已支付手续费；其他未改变。`,
    notSent: (why: string) => `未发送：${why}。`,
    value: '附带金额（保证金，以链的最小单位计）',
    reverted: '合约在执行时拒绝（试运行之后状态已变化）；请重新试运行',
    refund: (a: string) => `退还 ${a}`,
  },
};

function lang(): Lang {
  return document.documentElement.lang === 'zh' ? 'zh' : 'en';
}

function byId<T extends HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

/** Writes into `act-result` (the dry run's answer) or `act-included`
 * (what happened to the signed call). */
function say(text: string, ok: boolean | null, id = 'act-result'): void {
  const out = byId(id);
  if (!out) return;
  out.textContent = text;
  out.className = ok === null ? 'result' : ok ? 'result ok' : 'result refused';
}

/** `amount` of the chain's smallest unit in its token, e.g. 1.5 UNIT. */
export function amount(units: bigint, token: { symbol: string; decimals: number }): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const scale = 10n ** BigInt(token.decimals);
  const whole = abs / scale;
  const frac = (abs % scale).toString().padStart(token.decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}${frac ? '.' + frac : ''} ${token.symbol}`;
}

/** A value as a reader wants it: fields as `name value`, nested ones in
 * parentheses, no JSON punctuation. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return `[${value.map(plain).join(', ')}]`;
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (v !== null && typeof v === 'object' ? `${k} (${plain(v)})` : `${k} ${plain(v)}`))
      .join(', ');
  }
  return String(value);
}

/** A refusal's fields after its name (` (expected 1, attached 0)`); the
 * variant's own name, which the metadata repeats, left out. */
function fieldsText(detail: unknown): string {
  if (detail === null || typeof detail !== 'object') return '';
  const entries = Object.values(detail as Record<string, unknown>);
  const inner = entries.length === 1 ? entries[0] : detail;
  return inner === null || typeof inner !== 'object' ? '' : `: ${plain(inner)}`;
}

/** An event as `BidEvent · BidCommitted: tender 0, bidder 5F…, bond 1,000`:
 * a field that holds the event's kind (an enum of one variant with its own
 * fields) gives the name and those fields. */
export function eventText(event: string, fields: Record<string, unknown>): string {
  for (const value of Object.values(fields)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const variants = Object.entries(value as Record<string, unknown>);
      if (variants.length === 1 && /^[A-Z]/.test(variants[0][0])) {
        const [kind, inner] = variants[0];
        return `${event} · ${kind}${inner !== null && typeof inner === 'object' ? `: ${plain(inner)}` : ''}`;
      }
    }
  }
  return `${event}: ${plain(fields)}`;
}

/** The panel's state: metadata, the node, the wallet's signers. */
class Panel {
  private calls: SuiteCalls | null = null;
  private chain: Promise<SuiteChain> | null = null;
  private readonly signers = new Map<string, Signer>();
  private offered: Action[] = actionsFor([]);
  private fields: Field[] = [];
  private last: { caller: string; action: Action; run: DryRun } | null = null;

  constructor(
    private readonly node: string,
    private readonly addresses: Record<string, string>,
    private readonly currency: { symbol: string; decimals: number } | null,
  ) {}

  /** The signer of every account a wallet gave (address as the wallet wrote it). */
  addSigner(address: string, signer: Signer): void {
    this.signers.set(address, signer);
  }

  /** Offers the actions of these roles (and what anyone may do). */
  async offer(roles: string[]): Promise<void> {
    this.offered = actionsFor(roles);
    const select = byId<HTMLSelectElement>('act-action');
    if (!select) return;
    const before = select.value;
    select.replaceChildren(new Option(WORDS[lang()].choose, ''));
    for (const a of this.offered) {
      const key = `${a.contract}.${a.message}`;
      const option = new Option(key, key);
      option.dataset.contract = a.contract;
      select.appendChild(option);
    }
    // The action being filled in stays, with what was typed, if still offered.
    if (this.offered.some((a) => `${a.contract}.${a.message}` === before)) select.value = before;
    else await this.render();
  }

  /** Selects `contract.message` (if offered) with these arguments. */
  async prefill(contract: string, message: string, args: string[], value?: string): Promise<boolean> {
    const select = byId<HTMLSelectElement>('act-action');
    const key = `${contract}.${message}`;
    if (!select || ![...select.options].some((o) => o.value === key)) return false;
    select.value = key;
    await this.render();
    args.forEach((text, i) => {
      const input = byId<HTMLInputElement>(`act-arg-${i}`);
      if (input) input.value = text;
    });
    const v = byId<HTMLInputElement>('act-value');
    if (v && value !== undefined) v.value = value;
    this.stale();
    return true;
  }

  /** The inputs of the chosen action, from its metadata. */
  async render(): Promise<void> {
    const box = byId('act-fields');
    const select = byId<HTMLSelectElement>('act-action');
    if (!box || !select) return;
    // `data-action` names the action whose fields are shown, once they are.
    box.dataset.action = '';
    box.replaceChildren();
    this.stale();
    const [contract, message] = select.value.split('.');
    if (!contract) return;
    const { fields, payable } = fieldsOf(await this.metadata(), contract, message);
    if (select.value !== `${contract}.${message}`) return;
    this.fields = fields;
    fields.forEach((field, i) => {
      const p = document.createElement('p');
      const label = document.createElement('label');
      label.htmlFor = `act-arg-${i}`;
      label.textContent = `${field.name} (${field.type})`;
      let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
      if (field.kind === 'choice') {
        input = document.createElement('select');
        for (const c of field.choices ?? []) input.appendChild(new Option(c, c));
      } else if (field.kind === 'json') {
        input = document.createElement('textarea');
        input.rows = 4;
        input.spellcheck = false;
      } else {
        input = document.createElement('input');
        input.autocomplete = 'off';
        input.spellcheck = false;
      }
      input.id = `act-arg-${i}`;
      input.required = true;
      input.addEventListener('input', () => this.stale());
      p.append(label, document.createElement('br'), input);
      box.appendChild(p);
    });
    const value = byId<HTMLInputElement>('act-value');
    const row = byId('act-value-row');
    if (value && row) {
      row.hidden = !payable;
      value.required = payable;
      if (!payable) value.value = '';
    }
    box.dataset.action = select.value;
  }

  /** The chain's clock, or this computer's when no node answers: deadlines
   * are set against the chain's. */
  async now(): Promise<number> {
    if (!this.node) return Date.now();
    try {
      return await (await this.connect()).now();
    } catch {
      return Date.now();
    }
  }

  /** A query's answer (a read, nothing signed), or null without a node. */
  async read(caller: string, contract: string, message: string, args: unknown[]): Promise<unknown> {
    if (!this.node) return null;
    const chain = await this.connect();
    const run = await chain.dryRun(caller || this.addresses[contract], contract, message, args, 0n);
    return run.outcome?.ok ? run.outcome.value : null;
  }

  /** Any change to the form calls for a fresh dry run before signing. */
  stale(): void {
    this.last = null;
    const send = byId<HTMLButtonElement>('act-send');
    if (send) send.disabled = true;
  }

  async check(caller: string): Promise<void> {
    const w = WORDS[lang()];
    this.stale();
    byId('act-events')?.replaceChildren();
    say('', null, 'act-included');
    if (!this.node) return say(w.noNode, false);
    if (!caller) return say(w.noAccount, false);
    const select = byId<HTMLSelectElement>('act-action');
    const [contract, message] = (select?.value ?? '').split('.');
    if (!contract) return say(w.choose, false);
    try {
      const args = this.fields.map((f, i) => argument(f, byId<HTMLInputElement>(`act-arg-${i}`)?.value ?? ''));
      const valueText = byId<HTMLInputElement>('act-value')?.value.trim() || '0';
      if (!/^[0-9]+$/.test(valueText)) throw new Error(`${w.value}: ${valueText}`);
      say(w.checking, null);
      const chain = await this.connect();
      const run = await chain.dryRun(caller, contract, message, args, BigInt(valueText));
      if (run.failure) return say(w.chainRefused(run.failure), false);
      if (run.outcome && !run.outcome.ok) {
        const detail = fieldsText(run.outcome.detail);
        return say(w.refused(explain(run.outcome.error, lang()), `${run.outcome.error}${detail}`), false);
      }
      // Amounts as the portal's pages show them; the chain's own token if it names none.
      const token = this.currency ?? chain.token();
      const value = run.outcome?.ok ? run.outcome.value : null;
      const result = value === null || value === undefined ? '' : w.returns(JSON.stringify(value));
      const deposit = run.deposit < 0n ? w.refund(amount(-run.deposit, token)) : amount(run.deposit, token);
      const gas = `ref_time ${run.gas.refTime}, proof_size ${run.gas.proofSize}`;
      say(w.accepted(result, amount(run.fee ?? 0n, token), deposit, gas), true);
      this.last = { caller, action: { contract, message }, run };
      const send = byId<HTMLButtonElement>('act-send');
      if (send) send.disabled = false;
    } catch (e) {
      say(w.notSent((e as Error).message), false);
    }
  }

  async send(): Promise<void> {
    const w = WORDS[lang()];
    const last = this.last;
    if (!last) return;
    const signer = this.signerOf(last.caller);
    if (!signer) return say(w.noSigner, false, 'act-included');
    const send = byId<HTMLButtonElement>('act-send');
    if (send) send.disabled = true;
    say(w.signing, null, 'act-included');
    try {
      const chain = await this.connect();
      const done = await chain.send(last.caller, signer, last.action.contract, last.run);
      this.stale();
      if (!done.ok) say(w.failed(done.block, done.failure === REVERTED ? w.reverted : (done.failure ?? '?')), false, 'act-included');
      else say(w.inBlock(done.block, done.hash), true, 'act-included');
      this.showEvents(done);
    } catch (e) {
      say(w.notSent((e as Error).message), false, 'act-included');
      if (send) send.disabled = false;
    }
  }

  private showEvents(done: Included): void {
    const list = document.createElement('ul');
    for (const e of done.events) {
      const item = document.createElement('li');
      item.dataset.event = `${e.contract}.${e.event}`;
      item.textContent = `${e.contract} · ${eventText(e.event, e.fields)}`;
      list.appendChild(item);
    }
    byId('act-events')?.replaceChildren(list);
  }

  private signerOf(caller: string): Signer | undefined {
    if (this.signers.has(caller)) return this.signers.get(caller);
    // The same account under another SS58 prefix.
    for (const [address, signer] of this.signers) {
      if (SuiteCalls.sameAccount(address, caller)) return signer;
    }
    return undefined;
  }

  /** The suite's metadata, fetched from the portal once and shared by
   * everything on the page that encodes or decodes a call. */
  async metadata(): Promise<SuiteCalls> {
    if (this.calls) return this.calls;
    const entries = await Promise.all(
      CONTRACTS.map(async (name) => {
        const response = await fetch(`/wallet/metadata/${name}`);
        if (!response.ok) throw new Error(`metadata of ${name}: ${response.status}`);
        return [name, await response.json()] as const;
      }),
    );
    this.calls = new SuiteCalls(Object.fromEntries(entries));
    return this.calls;
  }

  private async connect(): Promise<SuiteChain> {
    if (!this.chain) {
      const calls = await this.metadata();
      this.chain = SuiteChain.connect(this.node, calls, this.addresses);
      this.chain.catch(() => {
        this.chain = null;
      });
    }
    return this.chain;
  }
}

let panel: Panel | null = null;

/** The panel, once the page has one. */
export function actPanel(): Panel | null {
  return panel;
}

/** Wires the panel: `caller` gives the account the page acts as. */
export function attachAct(caller: () => string): void {
  const form = byId<HTMLFormElement>('act');
  if (!form) return;
  let addresses: Record<string, string> = {};
  try {
    addresses = JSON.parse(form.dataset.contracts ?? '{}') ?? {};
  } catch {
    addresses = {};
  }
  const decimals = Number(form.dataset.decimals ?? '');
  const currency = form.dataset.symbol && Number.isInteger(decimals) ? { symbol: form.dataset.symbol, decimals } : null;
  panel = new Panel(form.dataset.node ?? '', addresses, currency);
  const p = panel;
  byId('act-action')?.addEventListener('change', () => void p.render());
  byId('act-value')?.addEventListener('input', () => p.stale());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void p.check(caller());
  });
  byId('act-send')?.addEventListener('click', () => void p.send());
  void p.offer([]);
  if (!form.dataset.node) say(WORDS[lang()].noNode, null);
}
