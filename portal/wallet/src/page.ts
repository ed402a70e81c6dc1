// The wallet page's behaviour (/wallet): a vendor seals a bid in the
// browser and keeps its receipt; anyone checks a receipt; an officer checks
// a tender form against the contract's rules. Everything happens in the
// page: the proposal is hashed locally, the salt comes from the browser's
// CSPRNG, and nothing is sent anywhere until the user signs in the wallet.
// Each form then fills in the "Act" panel (act.ts): a dry run on the
// portal's node first, then the wallet extension signs.
import { commitment, documentHash, freshSalt } from './commitment.js';
import { load, seal, toText } from './receipt.js';
import { check, DAY_MS, type Method, type TenderForm } from './rules.js';
import { explain, type Lang } from './errors.js';
import { actPanel, attachAct } from './act.js';

function lang(): Lang {
  return document.documentElement.lang === 'zh' ? 'zh' : 'en';
}

function say(id: string, text: string, ok: boolean): void {
  const out = document.getElementById(id);
  if (!out) return;
  out.textContent = text;
  out.className = ok ? 'result ok' : 'result refused';
}

function value(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name) as HTMLInputElement | null;
  return (field?.value ?? '').trim();
}

const T = {
  en: {
    sealed: (c: string) => `Sealed. Your receipt was downloaded and kept in this browser. Commitment: ${c}. Keep the receipt: without it the bid cannot be revealed and the bond is forfeited.`,
    call: (tender: number, data: string) => `The call a wallet will be asked to sign, with the bond attached: tender.commit_bid(${tender}, commitment), call data ${data}.`,
    noCall: (why: string) => `The call could not be built (${why}); the receipt is kept.`,
    valid: (tender: number, price: string, c: string) => `A valid receipt for tender ${tender}, price ${price}: its parts give its commitment ${c}.`,
    accepted: (n: number, min: string) => `The contract would accept this tender: ${n} milestone(s); a bid below ${min} would be invalid.`,
    wholeNumber: (field: string) => `${field} must be a whole number.`,
    noFile: 'Choose the proposal document first: its hash is part of the bid.',
  },
  zh: {
    sealed: (c: string) => `已密封。收据已下载并保存在本浏览器中。承诺哈希：${c}。请保管好收据：没有它将无法公开报价，保证金将被没收。`,
    call: (tender: number, data: string) => `钱包将被要求签署的调用（附保证金）：tender.commit_bid(${tender}, 承诺哈希)，调用数据 ${data}。`,
    noCall: (why: string) => `无法构建调用（${why}）；收据已保存。`,
    valid: (tender: number, price: string, c: string) => `招标 ${tender} 的有效收据，报价 ${price}：其内容得出承诺哈希 ${c}。`,
    accepted: (n: number, min: string) => `合约会接受此招标：${n} 个里程碑；低于 ${min} 的报价无效。`,
    wholeNumber: (field: string) => `${field} 须为整数。`,
    noFile: '请先选择投标文件：其哈希是投标的一部分。',
  },
};

function whole(text: string, field: string): bigint {
  if (!/^[0-9]+$/.test(text)) throw new Error(T[lang()].wholeNumber(field));
  return BigInt(text);
}

function download(name: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

async function onSeal(event: Event): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  try {
    const file = (form.elements.namedItem('proposal') as HTMLInputElement).files?.[0];
    if (!file) throw new Error(T[lang()].noFile);
    const tender = Number(whole(value(form, 'tender'), 'tender'));
    const price = whole(value(form, 'price'), 'price');
    const proposal = documentHash(new Uint8Array(await file.arrayBuffer()));
    const receipt = seal({
      genesis: value(form, 'genesis'),
      contract: value(form, 'contract'),
      tender,
      bidder: value(form, 'bidder'),
      price: price.toString(),
      proposal,
      salt: freshSalt(),
    });
    // Kept before anything could be sent: the file, and this browser.
    localStorage.setItem(`receipt:${receipt.contract}:${tender}:${receipt.bidder}`, toText(receipt));
    download(`bid-receipt-tender-${tender}.json`, toText(receipt));
    say('seal-result', T[lang()].sealed(receipt.commitment), true);
    say('seal-call', await commitCall(tender, receipt.commitment), true);
    await prefillCommit(tender, receipt.commitment, receipt.bidder);
  } catch (e) {
    say('seal-result', (e as Error).message, false);
  }
}

/** The commit_bid call for the sealed bid, encoded from the tender
 * contract's metadata as the portal serves it from the bundle (the Act
 * panel's copy). */
async function commitCall(tender: number, commitment: string): Promise<string> {
  try {
    const panel = actPanel();
    if (!panel) throw new Error('no Act panel on this page');
    const calls = await panel.metadata();
    return T[lang()].call(tender, calls.encodeHex('tender', 'commit_bid', [tender, commitment]));
  } catch (e) {
    return T[lang()].noCall((e as Error).message);
  }
}

/** Fills the Act panel with the commit of the sealed bid, the bond read
 * from the tender on chain. */
async function prefillCommit(tender: number, commitment: string, bidder: string): Promise<void> {
  const panel = actPanel();
  if (!panel) return;
  let bond: string | undefined;
  try {
    const terms = (await panel.read(bidder, 'tender', 'tender', [tender])) as { bond?: string | number } | null;
    if (terms?.bond !== undefined) bond = BigInt(terms.bond).toString();
  } catch {
    bond = undefined;
  }
  await panel.prefill('tender', 'commit_bid', [String(tender), commitment], bond);
}

async function onCheck(event: Event): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  try {
    const file = (form.elements.namedItem('receipt') as HTMLInputElement).files?.[0];
    if (!file) throw new Error('—');
    const r = load(await file.text());
    // Recomputed once more, in view: what the contract will check at reveal.
    const c = commitment(r.tender, r.bidder, BigInt(r.price), r.proposal, r.salt);
    say('check-result', T[lang()].valid(r.tender, r.price, c), true);
    // Ready to reveal: the receipt's parts, exactly as sealed.
    await actPanel()?.prefill('tender', 'reveal_bid', [String(r.tender), r.price, r.proposal, r.salt]);
  } catch (e) {
    say('check-result', (e as Error).message, false);
  }
}

async function onRules(event: Event): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  try {
    // Deadlines count from the chain's clock, which the contract checks them against.
    const now = (await actPanel()?.now()) ?? Date.now();
    const days = (name: string) => Number(whole(value(form, name), name));
    // An hour's headroom: the block that carries the transaction is stamped
    // later than the one the form was checked against, and the minimum
    // windows must still hold then.
    const submission = now + days('bidding') * DAY_MS + LANDING_MS;
    const plan = value(form, 'milestones')
      .split(/[,\s]+/)
      .filter((p) => p.length > 0)
      .map((part) => {
        const [share, due] = part.split(':');
        return { shareBps: Math.round(Number(share) * 100), dueOffsetMs: Number(due) * DAY_MS };
      });
    const tender: TenderForm = {
      now,
      estimate: whole(value(form, 'estimate'), 'estimate'),
      bond: whole(value(form, 'bond'), 'bond'),
      submissionDeadline: submission,
      revealDeadline: submission + days('reveal') * DAY_MS,
      method: methodOf(form),
      standstillMs: days('standstill') * DAY_MS,
      milestones: plan,
    };
    const verdict = check(tender);
    if (verdict.ok) {
      say('rules-result', T[lang()].accepted(verdict.milestones, verdict.minPrice.toString()), true);
      await prefillPublish(form, tender);
    } else {
      say('rules-result', explain(verdict.error, lang()), false);
    }
  } catch (e) {
    say('rules-result', (e as Error).message, false);
  }
}

/** The ranking method the form asks for: all weight on price is the
 * lowest-price method; anything else is weighted price and quality. */
function methodOf(form: HTMLFormElement): Method {
  const n = (name: string) => Number(whole(value(form, name) || '0', name));
  const priceWeight = n('price_weight');
  const qualityWeight = n('quality_weight');
  const minQuality = n('min_quality');
  if (priceWeight === 100 && qualityWeight === 0 && minQuality === 0) return { kind: 'lowestPrice' };
  return { kind: 'weighted', priceWeight, qualityWeight, minQuality };
}

/** A method as the contract's metadata names it. */
function methodArg(method: Method): unknown {
  if (method.kind === 'lowestPrice') return 'LowestPrice';
  return { Weighted: { priceWeight: method.priceWeight, qualityWeight: method.qualityWeight, minQuality: method.minQuality } };
}

/** Fills the Act panel with `tender.publish` of the tender the rules
 * accepted, with the form's line: the dossier and each milestone's
 * description are hashed here. */
async function prefillPublish(form: HTMLFormElement, tender: TenderForm): Promise<void> {
  const panel = actPanel();
  const line = value(form, 'line');
  const dossier = (form.elements.namedItem('dossier') as HTMLInputElement | null)?.files?.[0];
  if (!panel || !line || !dossier) return;
  const text = new TextEncoder();
  const params = {
    line: Number(whole(line, 'line')),
    estimate: tender.estimate.toString(),
    dossier: documentHash(new Uint8Array(await dossier.arrayBuffer())),
    bond: tender.bond.toString(),
    submissionDeadline: tender.submissionDeadline,
    revealDeadline: tender.revealDeadline,
    method: methodArg(tender.method),
    standstillMs: tender.standstillMs,
    milestones: tender.milestones.map((m, i) => ({
      description: documentHash(text.encode(`milestone ${i + 1}: ${m.shareBps / 100} % due ${m.dueOffsetMs / DAY_MS} days after signing`)),
      shareBps: m.shareBps,
      dueOffsetMs: m.dueOffsetMs,
    })),
  };
  await panel.prefill('tender', 'publish', [JSON.stringify(params)]);
}

/** Headroom for a transaction to land before its deadlines are checked. */
const LANDING_MS = 60 * 60 * 1000;

const NO_ROLE = {
  en: 'This account holds no role: it can read everything here, and bid once a Vendor role is granted.',
  zh: '此账户没有角色：可以阅读这里的一切；获得供应商角色后即可投标。',
};

/** Which actions the account's roles allow: the only ones this page will offer it. */
async function onRoles(event: Event): Promise<void> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const out = document.getElementById('roles-result');
  if (!out) return;
  out.textContent = '';
  const response = await fetch(`/api/accounts/${encodeURIComponent(value(form, 'account'))}?lang=${lang()}`);
  const body = await response.json();
  if (!response.ok) {
    out.className = 'result refused';
    out.textContent = body.error;
    return;
  }
  out.className = 'result ok';
  await actPanel()?.offer(body.roles);
  if (body.roles.length === 0) {
    out.textContent = NO_ROLE[lang()];
    return;
  }
  const list = document.createElement('ul');
  for (const { role, may } of body.actions as { role: string; may: string }[]) {
    const item = document.createElement('li');
    item.dataset.role = role;
    item.textContent = `${role}: ${may}`;
    list.appendChild(item);
  }
  out.appendChild(list);
}

/** What a wallet extension's `enable` gives (the injectedWeb3 protocol of polkadot.js, Talisman, SubWallet). */
interface Enabled {
  accounts: { get(): Promise<{ address: string; name?: string }[]> };
  signer?: import('@polkadot/api/types').Signer;
}
interface InjectedWallet {
  version?: string;
  enable(origin: string): Promise<Enabled>;
}

const WALLET_WORDS = {
  en: {
    none: 'No wallet extension answered: install polkadot.js, Talisman or SubWallet, then connect again.',
    found: (n: number) => `${n} account(s) from your wallet. Choose one: the forms below use it.`,
    refused: (wallet: string) => `${wallet} did not give access.`,
  },
  zh: {
    none: '没有钱包扩展响应：请安装 polkadot.js、Talisman 或 SubWallet 后再连接。',
    found: (n: number) => `钱包中有 ${n} 个账户。请选择一个：下面的表单将使用它。`,
    refused: (wallet: string) => `${wallet} 未授予访问权限。`,
  },
};

/** Asks every injected wallet for its accounts (nothing is signed here). */
async function onConnect(): Promise<void> {
  const injected = ((window as unknown as { injectedWeb3?: Record<string, InjectedWallet> }).injectedWeb3 ?? {}) as Record<string, InjectedWallet>;
  const select = document.getElementById('wallet-account') as HTMLSelectElement | null;
  if (!select) return;
  select.replaceChildren();
  const problems: string[] = [];
  let count = 0;
  for (const [wallet, extension] of Object.entries(injected)) {
    try {
      const enabled = await extension.enable('Public procurement portal');
      for (const account of await enabled.accounts.get()) {
        const option = document.createElement('option');
        option.value = account.address;
        option.textContent = `${account.name ?? wallet} — ${account.address}`;
        select.appendChild(option);
        if (enabled.signer) actPanel()?.addSigner(account.address, enabled.signer);
        count += 1;
      }
    } catch {
      problems.push(WALLET_WORDS[lang()].refused(wallet));
    }
  }
  if (count === 0) {
    say('connect-result', [WALLET_WORDS[lang()].none, ...problems].join(' '), false);
    return;
  }
  say('connect-result', [WALLET_WORDS[lang()].found(count), ...problems].join(' '), true);
  select.hidden = false;
  useAccount(select.value);
}

/** Puts the chosen account into the forms and says what it may do. */
function useAccount(address: string): void {
  for (const id of ['seal-bidder', 'roles-account']) {
    const field = document.getElementById(id) as HTMLInputElement | null;
    if (field) field.value = address;
  }
  (document.getElementById('roles') as HTMLFormElement | null)?.requestSubmit();
}

export function attach(): void {
  document.getElementById('connect')?.addEventListener('click', () => void onConnect());
  document.getElementById('wallet-account')?.addEventListener('change', (e) => useAccount((e.target as HTMLSelectElement).value));
  document.getElementById('roles')?.addEventListener('submit', onRoles);
  document.getElementById('seal')?.addEventListener('submit', onSeal);
  document.getElementById('check')?.addEventListener('submit', onCheck);
  document.getElementById('rules')?.addEventListener('submit', (e) => void onRules(e));
  attachAct(() => {
    const chosen = (document.getElementById('wallet-account') as HTMLSelectElement | null)?.value;
    return chosen || (document.getElementById('roles-account') as HTMLInputElement | null)?.value.trim() || '';
  });
  document.documentElement.dataset.wallet = 'ready';
}

if (typeof document !== 'undefined') {
  attach();
}
