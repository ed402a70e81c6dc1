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

test('each role is offered only actions its contracts have, and anyone the steps whose time has come', () => {
  const suite = new wallet.SuiteCalls(metadata);
  for (const [role, actions] of Object.entries(wallet.ROLE_ACTIONS)) {
    for (const { contract, message } of actions) {
      assert.ok(suite.actions(contract).includes(message), `${role}: ${contract}.${message} is a state-changing message`);
    }
  }
  for (const { contract, message } of wallet.ANYONE) assert.ok(suite.actions(contract).includes(message), `${contract}.${message}`);
  const keys = (roles) => wallet.actionsFor(roles).map((a) => `${a.contract}.${a.message}`);
  const vendor = keys(['Vendor']);
  assert.ok(vendor.includes('tender.commit_bid') && vendor.includes('escrow.deliver') && vendor.includes('evaluation.finalize'));
  assert.ok(!vendor.includes('tender.publish') && !vendor.includes('escrow.approve') && !vendor.includes('governor.schedule'));
  assert.deepEqual(keys([]), wallet.ANYONE.map((a) => `${a.contract}.${a.message}`));
  assert.equal(new Set(keys(['Vendor', 'Vendor', 'Auditor'])).size, keys(['Vendor', 'Auditor']).length, 'each action once');
  assert.ok(!keys(['TenderService']).includes('tender.publish'), 'a service role is offered nothing of its own');
});

test('an action\'s fields come from its metadata: plain values, choices, structures', () => {
  const suite = new wallet.SuiteCalls(metadata);
  const commit = wallet.fieldsOf(suite, 'tender', 'commit_bid');
  assert.ok(commit.payable);
  assert.deepEqual(commit.fields.map((f) => [f.name, f.type, f.kind]), [['tender', 'TenderId: u32', 'text'], ['commitment', 'Hash', 'text']]);
  const declare = wallet.fieldsOf(suite, 'evaluation', 'declare');
  assert.ok(!declare.payable);
  assert.deepEqual(declare.fields[2].choices, ['Impartial', 'Conflict']);
  assert.equal(wallet.fieldsOf(suite, 'tender', 'publish').fields[0].kind, 'json');
  assert.equal(wallet.fieldsOf(suite, 'evaluation', 'appoint').fields[1].kind, 'json', 'a list of members');
  assert.deepEqual(wallet.argument({ name: 'members', type: 'Vec', kind: 'json' }, '["a", "b"]'), ['a', 'b']);
  assert.throws(() => wallet.argument({ name: 'params', type: 'TenderParams', kind: 'json' }, '{line: 1'), /params: not JSON/);
});

test('a contract\'s answer is decoded: a value, its typed refusal, or a language error', () => {
  const suite = new wallet.SuiteCalls(metadata);
  const encoded = (contract, message, value) => {
    const m = suite.message(contract, message);
    return suite.decodeReturn(contract, message, new Uint8Array()).registry.createType(m.returnType.lookupName || m.returnType.type, value).toU8a();
  };
  assert.deepEqual(wallet.outcome(suite, 'tender', 'publish', encoded('tender', 'publish', { Ok: { Ok: 7 } })), { ok: true, value: 7 });
  const refused = wallet.outcome(suite, 'tender', 'commit_bid', encoded('tender', 'commit_bid', { Ok: { Err: 'SubmissionClosed' } }));
  assert.equal(refused.ok, false);
  assert.equal(refused.error, 'SubmissionClosed');
  assert.equal(wallet.explain(refused.error, 'en'), 'The submission deadline has passed.');
  const lang = wallet.outcome(suite, 'tender', 'cancel', encoded('tender', 'cancel', { Err: 'CouldNotReadInput' }));
  assert.deepEqual(lang, { ok: false, error: 'LangError::CouldNotReadInput', detail: null });
  // A query's answer (no inner Result).
  const none = wallet.outcome(suite, 'tender', 'tender', encoded('tender', 'tender', { Ok: null }));
  assert.deepEqual(none, { ok: true, value: null });
});

test('amounts are shown in the chain\'s token', () => {
  assert.equal(wallet.amount(25_650_000_000n, { symbol: 'UNIT', decimals: 10 }), '2.565 UNIT');
  assert.equal(wallet.amount(1_234_000_000_000_000n, { symbol: 'UNIT', decimals: 10 }), '123 400 UNIT');
  assert.equal(wallet.amount(-5n, { symbol: 'X', decimals: 0 }), '-5 X');
  assert.equal(wallet.amount(0n, { symbol: 'UNIT', decimals: 12 }), '0 UNIT');
});

test('the contracts\' answers to a dry run are read as the contracts wrote them', () => {
  const suite = new wallet.SuiteCalls(metadata);
  assert.ok(vectors.answers.length >= 10);
  for (const v of vectors.answers) {
    const got = wallet.outcome(suite, v.contract, v.message, Buffer.from(v.data.slice(2), 'hex'));
    const what = `${v.contract}.${v.message} ${v.data}`;
    assert.equal(got.ok, v.reads.ok, what);
    if (v.reads.ok) assert.equal(Number(got.value), v.reads.value, what);
    else {
      assert.equal(got.error, v.reads.error, what);
      if (!got.error.startsWith('LangError')) assert.doesNotMatch(wallet.explain(got.error, 'en'), /refused:/, `${got.error} has words`);
    }
  }
  // A refusal's fields come along: the bond asked and the one attached.
  const wrongBond = vectors.answers.find((v) => v.reads.error === 'WrongBond');
  const detail = wallet.outcome(suite, 'tender', 'commit_bid', Buffer.from(wrongBond.data.slice(2), 'hex')).detail;
  assert.deepEqual(JSON.parse(JSON.stringify(detail)), { wrongBond: { expected: 1000000000, attached: 999999999 } });
});

test('events read as words: the kind of change and its fields', () => {
  const text = wallet.eventText('BidEvent', {
    tender: '0',
    bidder: '5DAJ',
    change: { BidCommitted: { tender: '0', bidder: '5DAJ', bond: '1,000,000,000', replaced: false } },
  });
  assert.equal(text, 'BidEvent · BidCommitted: tender 0, bidder 5DAJ, bond 1,000,000,000, replaced false');
  assert.equal(wallet.eventText('SurplusDeposited', { amount: '5' }), 'SurplusDeposited: amount 5');
  assert.equal(wallet.eventText('GovernorEvent', { id: '1', change: { Executed: null } }), 'GovernorEvent · Executed');
});
