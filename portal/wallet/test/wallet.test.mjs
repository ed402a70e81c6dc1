// The wallet code against the contracts: every commitment and every tender
// form verdict the Rust side wrote (vectors.json), and the receipt's promise
// that a changed receipt is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as wallet from '../dist/wallet.mjs';

const vectors = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8'));

test('every commitment vector is reproduced byte for byte', () => {
  assert.ok(vectors.commitments.length >= 32);
  for (const v of vectors.commitments) {
    const pre = wallet.preimage(v.tender, v.bidder, BigInt(v.price), v.proposal, v.salt);
    assert.equal('0x' + Buffer.from(pre).toString('hex'), v.preimage, `preimage of ${JSON.stringify(v)}`);
    assert.equal(wallet.commitment(v.tender, v.bidder, BigInt(v.price), v.proposal, v.salt), v.commitment);
  }
});

test('every tender form gets the contract\'s verdict', () => {
  assert.ok(vectors.tenderForms.length >= 400);
  for (const { form, verdict } of vectors.tenderForms) {
    const got = wallet.check({ ...form, estimate: BigInt(form.estimate), bond: BigInt(form.bond) });
    const want = verdict.ok ? { ok: true, milestones: verdict.milestones, minPrice: BigInt(verdict.minPrice) } : verdict;
    assert.deepEqual(got, want, JSON.stringify(form));
  }
});

// The suite's metadata, from the bundles scripts/build.sh wrote.
const bundles = new URL('../../../bundles/', import.meta.url);
const metadata = Object.fromEntries(
  ['tender', 'escrow', 'evaluation', 'budget', 'governor'].map((name) => [name, JSON.parse(readFileSync(new URL(`${name}.contract`, bundles), 'utf8'))]),
);

test('every action\'s call is encoded from the bundles\' metadata as the contracts encode it', () => {
  const suite = new wallet.SuiteCalls(metadata);
  assert.ok(vectors.calls.length >= 20);
  for (const v of vectors.calls) {
    assert.equal(suite.encodeHex(v.contract, v.message, v.args), v.data, `${v.contract}.${v.message}(${JSON.stringify(v.args)})`);
  }
  // Each role's actions are the contracts' own state-changing messages.
  for (const action of ['commit_bid', 'reveal_bid', 'withdraw_bid', 'claim_bond', 'publish', 'cancel']) {
    assert.ok(suite.actions('tender').includes(action), action);
  }
  assert.ok(!suite.actions('tender').includes('tender'), 'a query is no action');
});

test('a call that cannot be built is refused before any wallet is asked', () => {
  const suite = new wallet.SuiteCalls(metadata);
  assert.throws(() => suite.encode('treasury', 'deposit', []), (e) => e.reason === 'unknownContract');
  assert.throws(() => suite.encode('tender', 'steal', []), (e) => e.reason === 'unknownMessage');
  assert.throws(() => suite.encode('tender', 'commit_bid', [1]), (e) => e.reason === 'badArguments');
  assert.throws(() => suite.encode('evaluation', 'declare', [1, '0x' + '11'.repeat(32), 'Bribed']), (e) => e.reason === 'badArguments');
});

test('bad inputs are refused in words, not hashed', () => {
  const ok = ['0x' + '11'.repeat(32), '0x' + '22'.repeat(32), '0x' + '33'.repeat(32)];
  assert.throws(() => wallet.commitment(-1, ok[0], 1n, ok[1], ok[2]), /tender id/);
  assert.throws(() => wallet.commitment(2 ** 32, ok[0], 1n, ok[1], ok[2]), /tender id/);
  assert.throws(() => wallet.commitment(0, ok[0], -1n, ok[1], ok[2]), /price/);
  assert.throws(() => wallet.commitment(0, ok[0], 1n << 128n, ok[1], ok[2]), /price/);
  assert.throws(() => wallet.commitment(0, 'not-an-address', 1n, ok[1], ok[2]), /bidder/);
  assert.throws(() => wallet.commitment(0, ok[0], 1n, '0x12', ok[2]), /proposal/);
  assert.throws(() => wallet.commitment(0, ok[0], 1n, ok[1], 'salt'), /salt/);
});

test('a receipt round-trips, and a changed or foreign one is refused', () => {
  const fields = {
    genesis: '0x' + 'ab'.repeat(32), contract: '5Garu3jVWrgCF578gLBTYEDQHHS4hiqzkuZSJvsa6iumfAFe', tender: 3,
    bidder: vectors.commitments[0].bidder, price: '1650000000000', proposal: '0x' + 'a1'.repeat(32), salt: wallet.freshSalt(),
  };
  const receipt = wallet.seal(fields, new Date('2027-01-20T10:00:00Z'));
  assert.equal(receipt.commitment, wallet.commitment(3, fields.bidder, 1650000000000n, fields.proposal, fields.salt));
  assert.deepEqual(wallet.load(wallet.toText(receipt)), receipt);
  const edited = { ...receipt, price: '1650000000001' };
  assert.throws(() => wallet.load(JSON.stringify(edited)), /has been changed/);
  assert.throws(() => wallet.load('{"format":"something else"}'), /not a bid receipt of this suite/);
  assert.throws(() => wallet.load('not json'), /not JSON/);
  assert.notEqual(wallet.freshSalt(), wallet.freshSalt(), 'salts are fresh');
});

test('refusals read in both languages', () => {
  assert.match(wallet.explain('InvalidDeadlines', 'en'), /at least 7 days/);
  assert.match(wallet.explain('tender::Error::InvalidDeadlines', 'zh'), /至少 7 天/);
  assert.match(wallet.explain('SomethingNew', 'en'), /refused: SomethingNew/);
  for (const error of ['ZeroAmount', 'InvalidDeadlines', 'InvalidMethod', 'InvalidStandstill', 'InvalidMilestones']) {
    assert.doesNotMatch(wallet.explain(error, 'en'), /refused:/, `${error} has words`);
    assert.doesNotMatch(wallet.explain(error, 'zh'), /合约拒绝/, `${error} has Chinese words`);
  }
});
