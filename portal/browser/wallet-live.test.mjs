// A whole procurement through the wallet page, in a real headless browser,
// against a local node: Debian's chromium driven by playwright-core, with a
// test wallet injected into the page (window.injectedWeb3, as extensions
// inject it) whose keys stay in this process (a keyring of the config's
// development accounts) and which signs what the page asks it to.
//
// Started by scripts/wallet-live-test.sh on a suite it deployed to a fresh
// node (PORTAL_URL: a portal following that node; NODE_URL; MANIFEST;
// PROCURE: the `procure` binary, for the node's clock). Screenshots of
// every step go to SCREENSHOTS. Prints one "test result:" line in cargo's
// format.
import { checks, expect, launch } from './harness.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const base = process.env.PORTAL_URL;
const nodeUrl = process.env.NODE_URL ?? 'ws://127.0.0.1:9944';
const shots = process.env.SCREENSHOTS ?? 'out';
const manifest = process.env.MANIFEST;
mkdirSync(shots, { recursive: true });
const DAY = 24 * 60 * 60;

const { check, finish } = checks({
  story: true,
  onFailure: () => page.screenshot({ path: join(shots, 'wallet-live-failure.png'), fullPage: true }),
});

// The wallet's keys: the config's development accounts (//NAME), as the
// deploy tool derived them on this node.
await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(nodeUrl), noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const names = ['officer', 'vendor-a', 'vendor-b', 'vendor-c', 'evaluator-1', 'evaluator-2', 'evaluator-3', 'inspector', 'auditor'];
const who = Object.fromEntries(names.map((n) => [n, keyring.addFromUri(`//${n}`, { name: n }).address]));
let signed = 0;

const browser = await launch();
const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB', viewport: { width: 1200, height: 1000 } });
// What the page asks the wallet to sign is signed here, with the keyring,
// by the metadata of the chain the page talks to: the page never sees a key.
await context.exposeFunction('testWalletSign', (payload) => {
  const pair = keyring.getPair(payload.address);
  const extrinsic = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
  signed += 1;
  return { id: signed, signature: extrinsic.sign(pair).signature };
});
await context.exposeFunction('testWalletAccounts', () => names.map((n) => ({ address: who[n], name: n, type: 'sr25519' })));
await context.addInitScript(() => {
  window.injectedWeb3 = {
    'test-wallet': {
      version: '0.1.0',
      enable: async () => ({
        accounts: { get: async () => window.testWalletAccounts() },
        signer: { signPayload: async (payload) => window.testWalletSign(payload) },
      }),
    },
  };
});
const page = await context.newPage();

/** The node's clock, in milliseconds. */
async function chainNow() {
  return (await api.query.timestamp.now()).toNumber();
}

/** Moves the node's clock `seconds` on and seals a block (procure advance). */
function advance(seconds) {
  execFileSync(process.env.PROCURE, ['--url', nodeUrl, '--manifest', manifest, '--as', 'officer', 'advance', String(seconds)], { stdio: 'pipe' });
}

/** Acts as `name`: chooses its account in the wallet and waits until the
 * portal has indexed its roles and the panel offers `action`. */
async function as(name, action) {
  await page.locator('#wallet-account').selectOption(who[name]);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const offered = await page.locator('#act-action option').evaluateAll((os) => os.map((o) => o.value));
    if (offered.includes(action)) return;
    await page.waitForTimeout(1000);
    // The portal indexes finalized blocks: ask again.
    await page.locator('#roles').evaluate((f) => f.requestSubmit());
  }
  throw new Error(`${action} was never offered to ${name}`);
}

/** Waits for the panel's answer in `id` after `button` and returns it. */
async function answer(button, id = 'act-result') {
  await page.evaluate((i) => { document.getElementById(i).textContent = ''; }, id);
  await button.click();
  await page.waitForFunction((i) => {
    const text = document.getElementById(i).textContent;
    return text.length > 0 && !text.startsWith('Asking') && !text.startsWith('Waiting');
  }, id, { timeout: 120_000 });
  return page.locator('#' + id).innerText();
}

/** Chooses `action` in the panel and waits for its fields. */
async function choose(action) {
  await page.locator('#act-action').selectOption(action);
  await page.waitForSelector(`#act-fields[data-action="${action}"]`);
}

/** Fills the chosen action's fields with `args` (already chosen: prefilled ones are left). */
async function fill(args) {
  for (const [i, value] of args.entries()) {
    if (value === undefined) continue;
    const field = page.locator(`#act-arg-${i}`);
    const tag = await field.evaluate((e) => e.tagName);
    if (tag === 'SELECT') await field.selectOption(value);
    else await field.fill(typeof value === 'string' ? value : JSON.stringify(value));
  }
}

/** A screenshot of the Act panel, from its heading to the events shown
 * (or of another part of the page, between two elements). */
async function shotPanel(name, from = 'act-title', to = 'act-events') {
  // Page coordinates (a bounding box is the viewport's).
  const [top, bottom] = await page.evaluate(([f, t]) => [
    document.getElementById(f).getBoundingClientRect().top + window.scrollY,
    document.getElementById(t).getBoundingClientRect().bottom + window.scrollY,
  ], [from, to]);
  const y = Math.max(0, top - 12);
  await page.screenshot({ path: join(shots, `wallet-live-${name}.png`), fullPage: true, clip: { x: 0, y, width: 1200, height: bottom + 16 - y } });
}

/** Dry run: the panel's answer. */
async function dryRun() {
  return answer(page.getByRole('button', { name: 'Check (dry run)' }));
}

/** Dry run, which must accept, then sign and send; the block's events. */
async function send(shot) {
  const dry = await dryRun();
  expect(dry.startsWith('The contract would accept this'), dry);
  expect(/Fee about [0-9][0-9 .]* \S+; storage deposit/.test(dry), `fee and deposit shown: ${dry}`);
  const before = signed;
  const done = await answer(page.getByRole('button', { name: 'Sign and send' }), 'act-included');
  expect((await page.locator('#act-result').innerText()) === dry, 'the dry run\'s figures stay in view');
  expect(done.startsWith('Done: in block #'), done);
  expect(signed === before + 1, 'the wallet signed once');
  const events = await page.locator('#act-events li').evaluateAll((items) => items.map((i) => ({ key: i.dataset.event, text: i.textContent })));
  if (shot) await shotPanel(shot);
  return { dry, events };
}

/** `name`'s action chosen and its fields filled with `args`, and `value`
 * attached if given. */
async function prepare(name, action, args, value) {
  await as(name, action);
  await choose(action);
  await fill(args);
  if (value !== undefined) await page.locator('#act-value').fill(value);
}

/** What the node answers `name` asking for `action`: the dry run's words. */
async function ask(name, action, args, value) {
  await prepare(name, action, args, value);
  return dryRun();
}

/** `name`'s action with `args`: chosen, filled, dry-run, signed, sent. */
async function act(name, action, args, shot) {
  await prepare(name, action, args);
  return send(shot);
}

// The portal follows finalized blocks: wait until it has indexed the
// deployment (its contracts and the line opened before it started).
{
  const deadline = Date.now() + 180_000;
  for (;;) {
    const lines = await fetch(base + '/api/lines').then((r) => r.json()).catch(() => ({ items: [] }));
    if (lines.items?.length > 0) break;
    if (Date.now() > deadline) throw new Error('the portal never indexed the budget line');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const receipts = {};
let tender = null;
let agreement = null;

await check('the wallet connects and the officer publishes a tender from the form', async () => {
  await page.goto(base + '/wallet?lang=en');
  await page.waitForSelector('html[data-wallet="ready"]');
  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  await page.waitForFunction(() => document.getElementById('connect-result').textContent.length > 0);
  expect((await page.locator('#connect-result').innerText()).startsWith(`${names.length} account(s)`), 'the wallet\'s accounts');
  await as('officer', 'tender.publish');
  await page.getByLabel('Budget line number').fill('0');
  await page.getByLabel('Estimate').fill('100000000000');
  await page.getByLabel('Bond per bid, in the smallest unit').fill('1000000000');
  await page.getByLabel('Days open for bids').fill('7');
  await page.getByLabel('Days to reveal').fill('1');
  await page.getByLabel('Standstill days').fill('1');
  await page.getByLabel('Milestones (share %:due day, ...)').fill('30:60, 70:180');
  await page.getByLabel('Tender dossier').setInputFiles({ name: 'dossier.txt', mimeType: 'text/plain', buffer: Buffer.from('Resurfacing of the ring road: the dossier') });
  await page.getByRole('button', { name: 'Check against the contract\'s rules' }).click();
  await page.waitForFunction(() => document.getElementById('act-action').value === 'tender.publish' && document.getElementById('act-arg-0')?.value);
  const params = JSON.parse(await page.locator('#act-arg-0').inputValue());
  expect(params.line === 0 && params.estimate === '100000000000' && params.milestones.length === 2, JSON.stringify(params));
  const { dry, events } = await send('published');
  tender = Number(/answering (\d+)/.exec(dry)[1]);
  expect(events.some((e) => e.key === 'tender.TenderEvent'), JSON.stringify(events));
});

/** `name` seals a bid in the page (receipt downloaded) and commits it with the bond. */
async function sealAndCommit(name, price, shot) {
  await as(name, 'tender.commit_bid');
  await page.getByLabel('Tender', { exact: true }).fill(String(tender));
  await page.getByLabel('Price, in the smallest unit').fill(String(price));
  await page.getByLabel('Proposal document').setInputFiles({ name: 'proposal.txt', mimeType: 'text/plain', buffer: Buffer.from(`${name}: our proposal`) });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Seal and save the receipt' }).click()]);
  const file = join(shots, `wallet-live-receipt-${name}.json`);
  await download.saveAs(file);
  receipts[name] = file;
  // The panel is filled with the commit: the tender, the commitment, the bond read from the chain.
  const receipt = JSON.parse(readFileSync(file, 'utf8'));
  if (shot) {
    await page.waitForFunction(() => document.getElementById('seal-call').textContent.length > 0);
    await shotPanel('sealed', 'seal-title', 'seal-call');
  }
  await page.waitForFunction((c) => document.getElementById('act-action').value === 'tender.commit_bid'
    && document.getElementById('act-arg-1')?.value === c && document.getElementById('act-value').value !== '', receipt.commitment);
  expect((await page.locator('#act-value').inputValue()) === '1000000000', 'the bond');
  return send(shot);
}

await check('a refused action (bond too small, wrong role) shows its typed reason and asks the wallet for nothing', async () => {
  const before = signed;
  const tooSmall = await ask('vendor-a', 'tender.commit_bid', [String(tender), '0x' + '11'.repeat(32)], '999999999');
  expect(tooSmall.startsWith('The contract would refuse: The value attached is not the bond the tender asks for. (WrongBond'), tooSmall);
  expect(await page.locator('#act-send').isDisabled(), 'nothing to sign');
  await shotPanel('refused-bond');
  // The officer's actions are not offered to a vendor; were a page to offer
  // one (stale, or edited), the contract's own check answers the dry run.
  const offered = await page.locator('#act-action option').evaluateAll((os) => os.map((o) => o.value));
  expect(!offered.includes('tender.publish') && !offered.includes('tender.cancel'), offered.join(' '));
  await page.locator('#act-action').evaluate((select) => select.appendChild(new Option('tender.cancel', 'tender.cancel')));
  await choose('tender.cancel');
  await fill([String(tender)]);
  const wrongRole = await dryRun();
  expect(wrongRole.startsWith('The contract would refuse: This account does not hold the role this action needs. (MissingRole: role ProcurementOfficer'), wrongRole);
  expect(await page.locator('#act-send').isDisabled(), 'nothing to sign');
  await shotPanel('refused-role');
  expect(signed === before, 'the wallet was asked nothing');
});

await check('two vendors seal their bids in the page and commit them with the bond', async () => {
  const a = await sealAndCommit('vendor-a', 90_000_000_000, 'committed');
  expect(a.events.some((e) => e.key === 'tender.BidEvent'), JSON.stringify(a.events));
  await sealAndCommit('vendor-b', 80_000_000_000);
});

await check('past the deadline a late bid and a withdrawal are refused in words', async () => {
  advance(7 * DAY + 3600);
  const before = signed;
  const late = await ask('vendor-c', 'tender.commit_bid', [String(tender), '0x' + '22'.repeat(32)], '1000000000');
  expect(late.includes('The submission deadline has passed. (SubmissionClosed'), late);
  const withdraw = await ask('vendor-c', 'tender.withdraw_bid', [String(tender)]);
  expect(withdraw.includes('(WithdrawalClosed') || withdraw.includes('(BidNotFound'), withdraw);
  expect(signed === before, 'the wallet was asked nothing');
});

await check('the vendor with its receipt reveals from it; the one who lost it cannot', async () => {
  await as('vendor-a', 'tender.reveal_bid');
  await page.getByLabel('Receipt file').setInputFiles(receipts['vendor-a']);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('act-action').value === 'tender.reveal_bid' && document.getElementById('act-arg-3')?.value);
  const { events } = await send('revealed');
  expect(events.some((e) => e.key === 'tender.BidEvent'), JSON.stringify(events));
  // vendor-b lost its receipt: without its salt no reveal matches the commitment.
  const lost = await ask('vendor-b', 'tender.reveal_bid', [String(tender), '80000000000', '0x' + '33'.repeat(32), '0x' + '44'.repeat(32)]);
  expect(lost.includes('(CommitmentMismatch'), lost);
  await shotPanel('lost-receipt');
});

await check('after the reveal deadline the unrevealed bond is forfeited to the treasury', async () => {
  advance(DAY + 3600);
  const { events } = await act('vendor-a', 'tender.forfeit_bond', [String(tender), who['vendor-b']]);
  expect(events.some((e) => e.key === 'tender.BidEvent' && e.text.includes('Forfeit')), JSON.stringify(events));
  const claim = await ask('vendor-b', 'tender.claim_bond', [String(tender)]);
  expect(claim.includes('(BondNotClaimable') || claim.includes('(NotSealed'), claim);
});

await check('the officer appoints a committee, which declares; anyone finalizes the award', async () => {
  const scoringDeadline = (await chainNow()) + 7 * DAY * 1000;
  const contracting = { inspector: who.inspector, terms: { retentionBps: 500, lateBpsPerDay: 10, lateCapBps: 1000 }, warrantyMs: 30 * DAY * 1000 };
  await act('officer', 'evaluation.appoint', [String(tender), [who['evaluator-1'], who['evaluator-2'], who['evaluator-3']], String(scoringDeadline), contracting], 'appointed');
  for (const member of ['evaluator-1', 'evaluator-2', 'evaluator-3']) {
    await act(member, 'evaluation.declare', [String(tender), '0x' + 'de'.repeat(32), 'Impartial']);
  }
  const { events } = await act('vendor-a', 'evaluation.finalize', [String(tender)], 'finalized');
  expect(events.some((e) => e.key.startsWith('evaluation.')), JSON.stringify(events));
});

await check('after the standstill the award is concluded; vendor-a signs and claims its bond back', async () => {
  advance(DAY + 3600);
  const concluded = await act('auditor', 'evaluation.conclude', [String(tender)]);
  agreement = Number(/answering (\d+)/.exec(concluded.dry)[1]);
  const { events } = await act('vendor-a', 'escrow.sign', [String(agreement)], 'signed');
  expect(events.some((e) => e.key.startsWith('escrow.')), JSON.stringify(events));
  // With the agreement signed, its bid bond can go back: vendor-a claims it.
  const settled = await act('vendor-a', 'evaluation.settle_winner', [String(tender)], 'bond-back');
  expect(/answering "?1000000000"?/.test(settled.dry), settled.dry);
  expect(settled.events.some((e) => e.key === 'tender.BidEvent' && e.text.includes('WinnerBondSettled')), JSON.stringify(settled.events));
});

await check('a milestone is delivered and approved, and the payment reaches the vendor', async () => {
  advance(30 * DAY);
  await act('vendor-a', 'escrow.deliver', [String(agreement), '0', '0x' + 'e0'.repeat(32)], 'delivered');
  const before = (await api.query.system.account(who['vendor-a'])).data.free.toBigInt();
  const { events } = await act('inspector', 'escrow.approve', [String(agreement), '0'], 'approved');
  expect(events.some((e) => e.key.startsWith('budget.')), `the budget paid: ${JSON.stringify(events)}`);
  const after = (await api.query.system.account(who['vendor-a'])).data.free.toBigInt();
  // 30 % of 90 UNIT less 5 % retention.
  expect(after - before === 25_650_000_000n, `paid ${after - before}`);
});

await check('the payment appears on the public pages', async () => {
  const deadline = Date.now() + 120_000;
  let text = '';
  while (Date.now() < deadline) {
    await page.goto(base + `/payments?lang=en`);
    text = await page.locator('main').innerText();
    if (text.includes('vendor-a')) break;
    await page.waitForTimeout(2000);
  }
  expect(text.includes('vendor-a'), `the payments page: ${text.slice(0, 400)}`);
  await page.screenshot({ path: join(shots, 'wallet-live-payments.png'), fullPage: true });
  await page.goto(base + `/tenders/${tender}?lang=en`);
  const story = await page.locator('ol.timeline li').allInnerTexts();
  expect(story.some((s) => s.includes('vendor-a')), story.join('\n'));
  await page.screenshot({ path: join(shots, 'wallet-live-tender.png'), fullPage: true });
});

await browser.close();
await api.disconnect();
finish();
