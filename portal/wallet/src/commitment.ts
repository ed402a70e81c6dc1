// The sealed-bid commitment, byte for byte as procurement_shared::bid
// computes it in the contract and in every Rust tool:
//
//   BLAKE2b-256( "ink-procurement/bid/v1" ++ tender (u32 LE) ++ bidder (32 bytes)
//                ++ price (u128 LE) ++ proposal (32 bytes) ++ salt (32 bytes) )
//
// test/vectors.json, written by the Rust side (deploy/tests/wallet_vectors.rs),
// holds the cases every build of this file must reproduce.
import { u8aToHex, hexToU8a, isHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

export const BID_DOMAIN = new TextEncoder().encode('ink-procurement/bid/v1');
export const PREIMAGE_LENGTH = 22 + 4 + 32 + 16 + 32 + 32;
const U128_MAX = (1n << 128n) - 1n;
const U32_MAX = 0xffffffff;

/** 32 bytes from 0x-hex, or an error naming the field. */
export function bytes32(value: string, field: string): Uint8Array {
  if (!isHex(value) || value.length !== 66) {
    throw new Error(`${field} must be 32 bytes as 0x-hex (66 characters), not ${JSON.stringify(value)}`);
  }
  return hexToU8a(value);
}

/** A bidder's account: an SS58 address or 0x-hex of its 32 bytes. */
export function accountBytes(bidder: string): Uint8Array {
  if (isHex(bidder)) {
    return bytes32(bidder, 'bidder');
  }
  try {
    return decodeAddress(bidder);
  } catch (e) {
    throw new Error(`bidder is not an account address: ${(e as Error).message}`);
  }
}

/** The preimage the commitment hashes. */
export function preimage(tender: number, bidder: string, price: bigint, proposal: string, salt: string): Uint8Array {
  if (!Number.isInteger(tender) || tender < 0 || tender > U32_MAX) {
    throw new Error(`the tender id must be a whole number below 2^32, not ${tender}`);
  }
  if (typeof price !== 'bigint' || price < 0n || price > U128_MAX) {
    throw new Error('the price must be a whole number of the smallest unit, below 2^128');
  }
  const out = new Uint8Array(PREIMAGE_LENGTH);
  let at = 0;
  out.set(BID_DOMAIN, at);
  at += BID_DOMAIN.length;
  new DataView(out.buffer).setUint32(at, tender, true);
  at += 4;
  out.set(accountBytes(bidder), at);
  at += 32;
  let p = price;
  for (let i = 0; i < 16; i++) {
    out[at + i] = Number(p & 0xffn);
    p >>= 8n;
  }
  at += 16;
  out.set(bytes32(proposal, 'proposal'), at);
  at += 32;
  out.set(bytes32(salt, 'salt'), at);
  return out;
}

/** The commitment a bidder submits, as 0x-hex. */
export function commitment(tender: number, bidder: string, price: bigint, proposal: string, salt: string): string {
  return u8aToHex(blake2AsU8a(preimage(tender, bidder, price, proposal, salt), 256));
}

/** The BLAKE2b-256 hash of a proposal document, as 0x-hex. */
export function documentHash(content: Uint8Array): string {
  return u8aToHex(blake2AsU8a(content, 256));
}

/** 32 fresh random bytes from the browser's (or Node's) CSPRNG, as 0x-hex. */
export function freshSalt(): string {
  const salt = new Uint8Array(32);
  globalThis.crypto.getRandomValues(salt);
  return u8aToHex(salt);
}
