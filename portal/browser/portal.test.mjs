// The portal as a citizen uses it, in a real headless browser: Debian's
// chromium driven by playwright-core. Started by scripts/browser-test.sh
// against a portal serving the demo's data (PORTAL_URL); screenshots go to
// SCREENSHOTS (out/ by default). Prints one "test result:" line in cargo's
// format, so the test script counts these checks with the others.
import { checks, expect, launch } from './harness.mjs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as wallet from '../wallet/dist/wallet.mjs';

const base = process.env.PORTAL_URL ?? 'http://127.0.0.1:8080';
const shots = process.env.SCREENSHOTS ?? 'out';
mkdirSync(shots, { recursive: true });

const { check, finish } = checks();
const browser = await launch();
const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB', viewport: { width: 1200, height: 900 } });
const page = await context.newPage();

await check('the portal opens on the tenders', async () => {
  const response = await page.goto(base + '/');
  expect(response.ok(), `status ${response.status()}`);
  expect(page.url().includes('/tenders'), `landed on ${page.url()}`);
  expect(await page.getAttribute('html', 'lang') === 'en', 'the page says it is English');
  await page.screenshot({ path: join(shots, 'portal-tenders.png'), fullPage: true });
});

await check('a tender is found by searching', async () => {
  await page.getByLabel('Search').fill('demo-0');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/q=demo-0/);
  const found = await page.locator('main p[aria-live]').innerText();
  expect(found.startsWith('1'), `the search says: ${found}`);
  await page.getByRole('link', { name: 'Tender 0 on budget line 0' }).click();
  await page.waitForURL(/\/tenders\/0/);
});

await check('its timeline tells the procurement in words', async () => {
  const steps = await page.locator('ol.timeline li').allInnerTexts();
  const story = steps.join('\n');
  for (const text of ['Published by officer with an estimate of 20 UNIT', 'vendor-b revealed a price of 16.5 UNIT',
    'Provisionally awarded to vendor-b at 16.5 UNIT', 'Protest 0 rejected by auditor', 'The vendor signed the agreement',
    'Milestone 2 delivered 3 day(s) late', 'Agreement completed; retention released']) {
    expect(story.includes(text), `the timeline says "${text}"`);
  }
  expect(await page.getByRole('img').first().getAttribute('aria-label') !== null, 'the stages picture has a text');
  await page.screenshot({ path: join(shots, 'portal-tender.png'), fullPage: true });
});

await check('a payment is followed from the timeline', async () => {
  const paid = page.getByRole('link', { name: /The treasury paid 4\.7025 UNIT to vendor-b/ });
  await paid.click();
  await page.waitForURL(/\/payments\?tender=0.*#payment-/);
  const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
  const row = page.locator(`tr[id="${anchor}"]`);
  expect(await row.count() === 1, `the payment's row ${anchor} is on the page`);
  const text = await row.innerText();
  expect(text.includes('4.7025 UNIT') && text.includes('vendor-b') && text.includes('milestone 1'), `the row says ${text}`);
  await page.screenshot({ path: join(shots, 'portal-payments.png'), fullPage: true });
});

await check('the OCDS release package downloads and is a package', async () => {
  await page.goto(base + '/open-data?lang=en');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /OCDS release package/ }).click(),
  ]);
  const saved = join(shots, 'portal-release-package.json');
  await download.saveAs(saved);
  const pkg = JSON.parse(readFileSync(saved, 'utf8'));
  expect(pkg.version === '1.1' && Array.isArray(pkg.releases) && pkg.releases.length === 23, `a package of 23 releases, got ${pkg.releases?.length}`);
  expect(pkg.releases[0].ocid === 'ocds-000000-demo-0', 'of the demo procurement');
});

await check('the language switches to Chinese and back', async () => {
  await page.goto(base + '/tenders/0?lang=en');
  await page.getByRole('link', { name: /中文/ }).click();
  await page.waitForURL(/lang=zh/);
  expect(await page.getAttribute('html', 'lang') === 'zh', 'the page says it is Chinese');
  expect((await page.locator('h2#timeline').innerText()) === '时间线', 'the headings are Chinese');
  await page.screenshot({ path: join(shots, 'portal-tender-zh.png'), fullPage: true });
  await page.getByRole('link', { name: /English/ }).click();
  await page.waitForURL(/lang=en/);
  expect(await page.getAttribute('html', 'lang') === 'en', 'back to English');
});

await check('the browser preference chooses the language', async () => {
  const chinese = await browser.newContext({ locale: 'zh-CN' });
  const p = await chinese.newPage();
  await p.goto(base + '/lines');
  expect(await p.getAttribute('html', 'lang') === 'zh', 'a Chinese browser gets Chinese');
  await p.screenshot({ path: join(shots, 'portal-lines-zh.png'), fullPage: true });
  await chinese.close();
});

await check('the keyboard reaches the content first', async () => {
  await page.goto(base + '/lines?lang=en');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  expect(focused === 'Skip to content', `the first Tab reaches "${focused}"`);
  await page.keyboard.press('Enter');
  expect(page.url().endsWith('#main'), 'and skips to the content');
  for (const label of ['Search', 'Status', 'Budget line', 'Bids due before']) {
    await page.goto(base + '/tenders?lang=en');
    expect(await page.getByLabel(label).count() === 1, `the control "${label}" has a label`);
  }
});

await check('a phone shows the tender readably', async () => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'en' });
  const p = await phone.newPage();
  await p.goto(base + '/tenders/0');
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 375, `no sideways scrolling of the page (width ${width})`);
  await p.screenshot({ path: join(shots, 'portal-tender-phone.png'), fullPage: true });
  await phone.close();
});

await check('the pages read without JavaScript', async () => {
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const p = await plain.newPage();
  await p.goto(base + '/tenders/0?lang=en');
  expect((await p.locator('ol.timeline li').count()) > 10, 'the timeline is in the HTML');
  await plain.close();
});

await check('the scheduled changes are public, reached from every page', async () => {
  await page.goto(base + '/tenders?lang=en');
  await page.getByRole('link', { name: 'Scheduled changes' }).click();
  await page.waitForURL(/\/changes/);
  const intro = await page.locator('main p').first().innerText();
  expect(intro.includes('public delay of at least 7 days'), `the page says why: ${intro}`);
  const rows = await page.locator('tbody tr').allInnerTexts();
  expect(rows.some((r) => r.includes('Budget line 0: payment policy up to 5 UNIT paid at once') && r.includes('in force since')),
    `the demo's policy change is listed as in force: ${rows.join(' | ')}`);
  expect(await page.getByRole('columnheader', { name: 'Earliest run' }).count() === 1, 'the table has its headers');
  await page.screenshot({ path: join(shots, 'portal-changes.png'), fullPage: true });
});

await check('the wallet page checks a tender form against the contract\'s rules', async () => {
  await page.goto(base + '/wallet?lang=en');
  await page.waitForSelector('html[data-wallet="ready"]');
  await page.getByLabel('Estimate').fill('200000000000');
  await page.getByLabel('Bond per bid, in the smallest unit').fill('2000000000');
  await page.getByLabel('Days open for bids').fill('3');
  await page.getByRole('button', { name: 'Check against the contract\'s rules' }).click();
  const refused = await page.locator('#rules-result').innerText();
  expect(refused.includes('at least 7 days'), `a 3-day window is refused in words: ${refused}`);
  await page.getByLabel('Days open for bids').fill('14');
  await page.getByLabel('Milestones (share %:due day, ...)').fill('30:60, 60:180');
  await page.getByRole('button', { name: 'Check against the contract\'s rules' }).click();
  const plan = await page.locator('#rules-result').innerText();
  expect(plan.includes('shares adding up to 100'), `a plan of 90 % is refused: ${plan}`);
  await page.getByLabel('Milestones (share %:due day, ...)').fill('30:60, 70:180');
  await page.getByRole('button', { name: 'Check against the contract\'s rules' }).click();
  const accepted = await page.locator('#rules-result').innerText();
  expect(accepted.startsWith('The contract would accept this tender: 2 milestone(s)'), accepted);
  // Weighted price and quality: the weights must add up to 100.
  await page.getByLabel('Price weight %').fill('60');
  await page.getByLabel('Quality weight %').fill('30');
  const weights = await answer(page.getByRole('button', { name: 'Check against the contract\'s rules' }), 'rules-result');
  expect(weights.startsWith('Price and quality weights must add up to 100'), weights);
  await page.getByLabel('Quality weight %').fill('40');
  const weighted = await answer(page.getByRole('button', { name: 'Check against the contract\'s rules' }), 'rules-result');
  expect(weighted.startsWith('The contract would accept this tender'), weighted);
});

let receiptText = '';
await check('a bid is sealed in the browser and its receipt saved before anything else', async () => {
  await page.goto(base + '/wallet?lang=en');
  await page.waitForSelector('html[data-wallet="ready"]');
  const vendor = '5Ejwe1awHBQouZ3CA1GLZhuqT5WKHmFCMrcN2rFeTKyqCYXx';
  await page.getByLabel('Tender', { exact: true }).fill('0');
  await page.getByLabel('Your account (SS58 address)').fill(vendor);
  await page.getByLabel('Price, in the smallest unit').fill('165000000000');
  const proposal = Buffer.from('Road works: our technical proposal');
  await page.getByLabel('Proposal document').setInputFiles({ name: 'proposal.txt', mimeType: 'text/plain', buffer: proposal });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Seal and save the receipt' }).click()]);
  const saved = join(shots, 'wallet-bid-receipt.json');
  await download.saveAs(saved);
  receiptText = readFileSync(saved, 'utf8');
  const receipt = JSON.parse(receiptText);
  expect(receipt.proposal === wallet.documentHash(new Uint8Array(proposal)), 'the proposal was hashed in the page');
  expect(receipt.commitment === wallet.commitment(0, vendor, 165000000000n, receipt.proposal, receipt.salt), 'the commitment is the contract\'s');
  expect(/^0x[0-9a-f]{64}$/.test(receipt.salt), 'a 32-byte salt');
  const kept = await page.evaluate((k) => localStorage.getItem(k), `receipt:${receipt.contract}:0:${vendor}`);
  expect(kept === receiptText, 'the same receipt is kept in the browser');
  const said = await page.locator('#seal-result').innerText();
  expect(said.includes(receipt.commitment) && said.includes('Keep the receipt'), said);
  // The call a wallet will sign, encoded from the tender bundle's metadata:
  // commit_bid's selector, the tender (u32, little-endian), the commitment.
  await page.waitForFunction(() => document.getElementById('seal-call').textContent.length > 0);
  const call = await page.locator('#seal-call').innerText();
  expect(call.includes('0xde45a3b0' + '00000000' + receipt.commitment.slice(2)), call);
  await page.screenshot({ path: join(shots, 'wallet-sealed.png'), fullPage: true });
});

/** Clicks `button` and waits for the page to write into `result` (reading a file is asynchronous). */
async function answer(button, result) {
  await page.evaluate((id) => { document.getElementById(id).textContent = ''; }, result);
  await button.click();
  await page.waitForFunction((id) => document.getElementById(id).textContent.length > 0, result);
  return page.locator('#' + result).innerText();
}

await check('a receipt is checked, and an edited one refused', async () => {
  expect(receiptText.length > 0, 'a receipt from the step before');
  const edited = JSON.stringify({ ...JSON.parse(receiptText), price: '150000000000' });
  await page.getByLabel('Receipt file').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(edited) });
  const refused = await answer(page.getByRole('button', { name: 'Check', exact: true }), 'check-result');
  expect(refused.includes('has been changed'), refused);
  await page.getByLabel('Receipt file').setInputFiles({ name: 'receipt.json', mimeType: 'application/json', buffer: Buffer.from(receiptText) });
  const valid = await answer(page.getByRole('button', { name: 'Check', exact: true }), 'check-result');
  expect(valid.startsWith('A valid receipt for tender 0, price 165000000000'), valid);
});

await check('the wallet page says what an account may do, from its roles', async () => {
  await page.goto(base + '/wallet?lang=en');
  await page.waitForSelector('html[data-wallet="ready"]');
  const look = async (address) => {
    await page.locator('#roles-account').fill(address);
    return answer(page.getByRole('button', { name: 'Look up' }), 'roles-result');
  };
  const vendor = await look('5Ejwe1awHBQouZ3CA1GLZhuqT5WKHmFCMrcN2rFeTKyqCYXx');
  expect(vendor.startsWith('Vendor: seal and commit a bid'), vendor);
  expect(await page.locator('#roles-result li[data-role]').count() === 1, 'one role, one line');
  const nobody = await look('5ENz4VTg5cG7oFVWLisCFcwbWtveCpMzuGCGNVcQUwtaHtfx');
  expect(nobody.includes('holds no role'), nobody);
  const wrong = await look('not-an-address');
  expect(wrong.includes('is not an account address'), wrong);
});

await check('a wallet extension\'s accounts fill the forms, and no extension is said plainly', async () => {
  const withWallet = await browser.newContext({ locale: 'en' });
  // A test wallet speaking the injectedWeb3 protocol, as extensions inject it.
  await withWallet.addInitScript(() => {
    window.injectedWeb3 = {
      'test-wallet': {
        version: '0.1.0',
        enable: async () => ({
          accounts: {
            get: async () => [
              { address: '5Ejwe1awHBQouZ3CA1GLZhuqT5WKHmFCMrcN2rFeTKyqCYXx', name: 'vendor-b' },
              { address: '5EambGAGC6JKvi5Jw25AsWFk8dTGi4izXxXPGAbhN2pYkTRG', name: 'officer' },
            ],
          },
        }),
      },
    };
  });
  const p = await withWallet.newPage();
  await p.goto(base + '/wallet');
  await p.waitForSelector('html[data-wallet="ready"]');
  await p.getByRole('button', { name: 'Connect a wallet' }).click();
  await p.waitForFunction(() => document.getElementById('roles-result').textContent.length > 0);
  expect((await p.locator('#wallet-account option').count()) === 2, 'both accounts offered');
  expect((await p.locator('#seal-bidder').inputValue()) === '5Ejwe1awHBQouZ3CA1GLZhuqT5WKHmFCMrcN2rFeTKyqCYXx', 'the first fills the bid form');
  expect((await p.locator('#roles-result').innerText()).startsWith('Vendor:'), 'and its roles are shown');
  await p.waitForFunction(() => [...document.querySelectorAll('#act-action option')].some((o) => o.value === 'tender.commit_bid'));
  const vendorActions = await p.locator('#act-action option').evaluateAll((os) => os.map((o) => o.value));
  expect(vendorActions.includes('tender.reveal_bid') && vendorActions.includes('escrow.deliver'), vendorActions.join(' '));
  expect(!vendorActions.includes('tender.publish') && !vendorActions.includes('escrow.approve'), vendorActions.join(' '));
  await p.evaluate(() => { document.getElementById('roles-result').textContent = ''; });
  await p.getByLabel('Account', { exact: true }).selectOption('5EambGAGC6JKvi5Jw25AsWFk8dTGi4izXxXPGAbhN2pYkTRG');
  await p.waitForFunction(() => document.getElementById('roles-result').textContent.length > 0);
  expect((await p.locator('#roles-result').innerText()).startsWith('ProcurementOfficer: publish'), 'the officer may publish');
  // The Act panel offers the officer's actions and what anyone may do, never a vendor's.
  await p.waitForFunction(() => [...document.querySelectorAll('#act-action option')].some((o) => o.value === 'tender.publish'));
  const offered = await p.locator('#act-action option').evaluateAll((os) => os.map((o) => o.value));
  expect(offered.includes('evaluation.appoint') && offered.includes('evaluation.finalize'), offered.join(' '));
  expect(!offered.includes('tender.commit_bid') && !offered.includes('escrow.approve'), offered.join(' '));
  // Its fields come from the contract's metadata; without a node nothing is tried or signed.
  await p.locator('#act-action').selectOption('tender.cancel');
  await p.waitForSelector('#act-arg-0');
  expect((await p.locator('label[for="act-arg-0"]').innerText()) === 'tender (TenderId: u32)', 'the argument named and typed');
  await p.locator('#act-arg-0').fill('0');
  await p.getByRole('button', { name: 'Check (dry run)' }).click();
  const noNode = await p.locator('#act-result').innerText();
  expect(noNode.startsWith('This portal names no node'), noNode);
  expect(await p.locator('#act-send').isDisabled(), 'nothing to sign');
  await p.screenshot({ path: join(shots, 'wallet-connected.png'), fullPage: true });
  await withWallet.close();
  await page.goto(base + '/wallet?lang=en');
  await page.waitForSelector('html[data-wallet="ready"]');
  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  await page.waitForFunction(() => document.getElementById('connect-result').textContent.length > 0);
  expect((await page.locator('#connect-result').innerText()).startsWith('No wallet extension answered'), 'no extension, said so');
});

await check('the wallet script is served gzipped to a browser that takes it', async () => {
  const zipped = await fetch(base + '/wallet/wallet.mjs', { headers: { 'accept-encoding': 'gzip, deflate' } });
  expect(zipped.headers.get('content-encoding') === 'gzip', `encoding ${zipped.headers.get('content-encoding')}`);
  expect(Number(zipped.headers.get('content-length')) < 500_000, `sent ${zipped.headers.get('content-length')} bytes`);
  const plain = await fetch(base + '/wallet/wallet.mjs', { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers.get('content-encoding') === null, 'plain when gzip is not taken');
  expect((await zipped.text()) === (await plain.text()), 'the same script either way');
});

await check('the wallet page answers in Chinese', async () => {
  await page.goto(base + '/wallet?lang=zh');
  await page.waitForSelector('html[data-wallet="ready"]');
  await page.getByLabel('预算金额').fill('0');
  await page.getByLabel('每份投标保证金（最小单位）').fill('1');
  await page.getByRole('button', { name: '按合约规则检查' }).click();
  const said = await page.locator('#rules-result').innerText();
  expect(said === '预算金额和保证金必须大于零。', said);
  await page.screenshot({ path: join(shots, 'wallet-zh.png'), fullPage: true });
});

await browser.close();
finish();
