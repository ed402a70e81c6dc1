// The calls the wallet pages hand to a wallet, encoded from the contracts'
// own metadata (the `.contract` bundles the project builds) with the
// ecosystem's `Abi` (@polkadot/api-contract). The bytes must be exactly
// what the contract crates' call builders produce: the Rust side writes
// vectors for every action a role can take (deploy/tests/wallet_vectors.rs)
// and test/wallet.test.mjs holds this code to each of them.
import { Abi } from '@polkadot/api-contract';
import type { AbiMessage, DecodedEvent } from '@polkadot/api-contract/types';
import type { Codec, TypeDef } from '@polkadot/types/types';
import { TypeDefInfo } from '@polkadot/types-create';
import { compactStripLength, u8aEq, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';

/** Why a call could not be built (no signing is asked for then). */
export class CallError extends Error {
  constructor(readonly reason: 'unknownContract' | 'unknownMessage' | 'badArguments', detail: string) {
    super(`${reason}: ${detail}`);
  }
}

/** The suite's contracts, each by its bundle name, from their metadata. */
export class SuiteCalls {
  private readonly abis = new Map<string, Abi>();

  /** `metadata` maps a contract's name (`tender`, `escrow`, ...) to its
   * bundle or metadata JSON. */
  constructor(metadata: Record<string, unknown>) {
    for (const [name, json] of Object.entries(metadata)) {
      this.abis.set(name, new Abi(json as Record<string, unknown>));
    }
  }

  /** Whether two addresses (any SS58 prefix, or hex) are one account;
   * false when either is no address. */
  static sameAccount(a: string, b: string): boolean {
    try {
      return u8aEq(decodeAddress(a), decodeAddress(b));
    } catch {
      return false;
    }
  }

  /** The contracts known. */
  contracts(): string[] {
    return [...this.abis.keys()].sort();
  }

  /** The messages of `contract` that change state (what a wallet signs). */
  actions(contract: string): string[] {
    return this.abi(contract).messages.filter((m) => m.isMutating).map((m) => m.identifier);
  }

  /** The call data of `message` on `contract` with `args`: its selector and
   * SCALE-encoded arguments, as the contract reads its input. Arguments in
   * the form the metadata's types take (struct fields in camelCase, enum
   * variants by name, 32-byte values and accounts as hex or SS58, amounts as
   * text or bigint). */
  encode(contract: string, message: string, args: unknown[]): Uint8Array {
    const found = this.message(contract, message);
    if (found.args.length !== args.length) {
      throw new CallError('badArguments', `${contract}.${message} takes ${found.args.length} argument(s), not ${args.length}`);
    }
    try {
      // The message's `toU8a` prefixes the length, as a call's data field
      // is encoded inside an extrinsic; the contract reads what follows.
      const [, data] = compactStripLength(found.toU8a(args));
      return data;
    } catch (e) {
      throw new CallError('badArguments', `${contract}.${message}: ${(e as Error).message}`);
    }
  }

  /** [`encode`] as 0x-hex. */
  encodeHex(contract: string, message: string, args: unknown[]): string {
    return u8aToHex(this.encode(contract, message, args));
  }

  /** `message` of `contract`, as its metadata describes it. */
  message(contract: string, message: string): AbiMessage {
    try {
      return this.abi(contract).findMessage(message);
    } catch (e) {
      if (e instanceof CallError) throw e;
      throw new CallError('unknownMessage', `${contract} has no message ${message}`);
    }
  }

  /** How an argument of this type is asked for: a plain value (numbers,
   * hashes, accounts), a choice among an enum's unit variants, or neither
   * (a structure, given as JSON). */
  static typeInfo(type: TypeDef): { plain: boolean; variants?: string[] } {
    if (type.info === TypeDefInfo.Enum && Array.isArray(type.sub) && type.sub.every((v) => v.info === TypeDefInfo.Null)) {
      return { plain: false, variants: type.sub.map((v) => v.name ?? '') };
    }
    return { plain: type.info === TypeDefInfo.Plain || type.info === TypeDefInfo.Compact };
  }

  /** What `message` returned (`data` of a call's result) decoded as its
   * declared return type, `Result<Result<T, Error>, LangError>`. */
  decodeReturn(contract: string, message: string, data: Uint8Array): Codec {
    const abi = this.abi(contract);
    const returned = this.message(contract, message).returnType;
    if (!returned) throw new CallError('unknownMessage', `${contract}.${message} returns nothing`);
    return abi.registry.createTypeUnsafe(returned.lookupName || returned.type, [data], { isPedantic: true });
  }

  /** A `ContractEmitted` record of `contract`, decoded with its metadata. */
  decodeEvent(contract: string, record: Parameters<Abi['decodeEvent']>[0]): DecodedEvent {
    return this.abi(contract).decodeEvent(record);
  }

  private abi(contract: string): Abi {
    const abi = this.abis.get(contract);
    if (!abi) throw new CallError('unknownContract', `no metadata for ${contract}`);
    return abi;
  }
}
