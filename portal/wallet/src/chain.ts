// The wallet page on a node: a dry run of any suite call (the contract's
// answer decoded, the gas, storage deposit and fee it would cost), then the
// same call signed by the user's wallet extension and followed into a
// block, with the events it caused decoded by each contract's metadata.
// The node is the portal's configured one; keys never leave the wallet.
import { ApiPromise, WsProvider } from '@polkadot/api';
import type { Signer, SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { u8aToHex } from '@polkadot/util';
import { SuiteCalls } from './calls.js';
import { outcome, type Outcome } from './actions.js';

export interface Weight {
  refTime: bigint;
  proofSize: bigint;
}

/** What a call would do, asked of the node without signing anything. */
export interface DryRun {
  /** The contract's answer, if the call ran to its end. */
  outcome: Outcome | null;
  /** Why the chain stopped the call before the contract answered (a trap,
   * an account without funds), as `pallet.Error`. */
  failure: string | null;
  gas: Weight;
  /** Storage deposit the caller would pay (negative: refunded). */
  deposit: bigint;
  /** The transaction fee, when the call would succeed. */
  fee: bigint | null;
  data: Uint8Array;
  value: bigint;
}

/** A contract event caused by a call, decoded. */
export interface SuiteEvent {
  contract: string;
  event: string;
  fields: Record<string, unknown>;
}

/** What happened once the signed call was in a block. */
export interface Included {
  block: number;
  hash: string;
  ok: boolean;
  failure: string | null;
  events: SuiteEvent[];
}

/** `Included.failure` when the contract refused the call as it ran. */
export const REVERTED = 'reverted';

/** Gas headroom over what the dry run used: state can move between the dry
 * run and inclusion (another bid, a block's timestamp). */
const GAS_MARGIN_PERCENT = 20n;

export class SuiteChain {
  private readonly names = new Map<string, string>();

  private constructor(
    readonly api: ApiPromise,
    readonly calls: SuiteCalls,
    private readonly addresses: Record<string, string>,
  ) {
    for (const [name, address] of Object.entries(addresses)) {
      this.names.set(api.registry.createType('AccountId', address).toString(), name);
    }
  }

  /** Connects to `url` (ws:// or wss://); fails rather than retrying forever. */
  static async connect(url: string, calls: SuiteCalls, addresses: Record<string, string>): Promise<SuiteChain> {
    const provider = new WsProvider(url, false);
    await provider.connect();
    const api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
    return new SuiteChain(api, calls, addresses);
  }

  /** The chain's token: symbol and decimals, for amounts in words. */
  token(): { symbol: string; decimals: number } {
    return { symbol: this.api.registry.chainTokens[0] ?? 'UNIT', decimals: this.api.registry.chainDecimals[0] ?? 0 };
  }

  /** The chain's clock (the last block's timestamp), in milliseconds:
   * what the contracts measure deadlines against. */
  async now(): Promise<number> {
    const now = (await this.api.query.timestamp.now()) as unknown as { toNumber(): number };
    return now.toNumber();
  }

  /** Asks the node what `caller` calling `contract.message(args)` with
   * `value` attached would do. Nothing is signed or sent. */
  async dryRun(caller: string, contract: string, message: string, args: unknown[], value: bigint): Promise<DryRun> {
    const data = this.calls.encode(contract, message, args);
    const dest = this.address(contract);
    // As hex: a Uint8Array given for `Bytes` would be read as already
    // length-prefixed.
    const r = await this.api.call.contractsApi.call(caller, dest, value, null, null, u8aToHex(data));
    const gas = { refTime: r.gasRequired.refTime.toBigInt(), proofSize: r.gasRequired.proofSize.toBigInt() };
    const deposit = r.storageDeposit.isCharge ? r.storageDeposit.asCharge.toBigInt() : -r.storageDeposit.asRefund.toBigInt();
    const run: DryRun = { outcome: null, failure: null, gas, deposit, fee: null, data, value };
    if (r.result.isErr) {
      run.failure = this.dispatchError(r.result.asErr);
      return run;
    }
    run.outcome = outcome(this.calls, contract, message, r.result.asOk.data.toU8a(true));
    if (run.outcome.ok) {
      run.fee = (await this.extrinsic(contract, run).paymentInfo(caller)).partialFee.toBigInt();
    }
    return run;
  }

  /** Has the wallet sign the call a successful dry run described, sends
   * it, and resolves once it is in a block. */
  send(caller: string, signer: Signer, contract: string, run: DryRun): Promise<Included> {
    const tx = this.extrinsic(contract, run);
    return new Promise((resolve, reject) => {
      let done = false;
      let stop: (() => void) | undefined;
      tx.signAndSend(caller, { signer }, (result) => {
        if (done) return;
        if (result.status.isInBlock) {
          done = true;
          stop?.();
          const hash = result.status.asInBlock.toHex();
          this.included(hash, result.events, this.address(contract)).then(resolve, reject);
        } else if (result.status.isDropped || result.status.isInvalid || result.status.isUsurped) {
          done = true;
          stop?.();
          reject(new Error(`the transaction was ${result.status.type.toLowerCase()}`));
        }
      })
        .then((unsubscribe) => {
          stop = unsubscribe;
          if (done) unsubscribe();
        })
        .catch((e: Error) => {
          done = true;
          reject(e);
        });
    });
  }

  private async included(hash: string, records: EventRecord[], dest: string): Promise<Included> {
    const header = await this.api.rpc.chain.getHeader(hash);
    const out: Included = { block: header.number.toNumber(), hash, ok: true, failure: null, events: [] };
    const target = this.api.registry.createType('AccountId', dest).toString();
    // A contract that refuses reverts its call: the extrinsic still
    // succeeds, but without the pallet's `Called` event for the target.
    let called = false;
    for (const record of records) {
      const { event } = record;
      if (event.section === 'system' && event.method === 'ExtrinsicFailed') {
        out.ok = false;
        out.failure = this.dispatchError(event.data[0] as DispatchError);
      }
      if (event.section === 'contracts' && event.method === 'Called' && event.data[1]?.toString() === target) called = true;
      if (event.section === 'contracts' && event.method === 'ContractEmitted') {
        const name = this.names.get(event.data[0].toString());
        if (!name || !this.calls.contracts().includes(name)) continue;
        try {
          const decoded = this.calls.decodeEvent(name, record);
          const fields: Record<string, unknown> = {};
          decoded.event.args.forEach((arg, i) => {
            fields[arg.name] = decoded.args[i].toHuman();
          });
          out.events.push({ contract: name, event: decoded.event.identifier.replace(/^.*::/, ''), fields });
        } catch (e) {
          out.events.push({ contract: name, event: 'undecodable', fields: { error: (e as Error).message } });
        }
      }
    }
    if (out.failure === 'contracts.ContractReverted') out.failure = REVERTED;
    if (out.ok && !called) {
      out.ok = false;
      out.failure = REVERTED;
    }
    return out;
  }

  private extrinsic(contract: string, run: DryRun): SubmittableExtrinsic<'promise'> {
    const margin = (w: bigint) => w + (w * GAS_MARGIN_PERCENT) / 100n;
    const limit = this.api.registry.createType('WeightV2', { refTime: margin(run.gas.refTime), proofSize: margin(run.gas.proofSize) });
    // The deposit limit is what the dry run charged: the wallet's user saw
    // that figure and signs for no more.
    return this.api.tx.contracts.call(this.address(contract), run.value, limit, run.deposit > 0n ? run.deposit : null, u8aToHex(run.data));
  }

  private address(contract: string): string {
    const address = this.addresses[contract];
    if (!address) throw new Error(`the portal names no address for ${contract}`);
    return address;
  }

  private dispatchError(error: DispatchError): string {
    if (error.isModule) {
      const meta = this.api.registry.findMetaError(error.asModule);
      return `${meta.section}.${meta.name}`;
    }
    return error.type;
  }
}
