// A sealed bid's receipt: what a vendor must keep between commit and
// reveal. It is saved (downloaded and kept in local storage) BEFORE the
// commitment is sent: without it the bid cannot be revealed and the bond is
// forfeited. Loading one recomputes its commitment, so a damaged or edited
// receipt is refused before anything is signed.
import { commitment } from './commitment.js';

export const RECEIPT_FORMAT = 'procurement-suite sealed bid 1';

export interface Receipt {
  format: string;
  /** The chain and tender contract it belongs to. */
  genesis: string;
  contract: string;
  tender: number;
  bidder: string;
  /** Decimal text of the smallest unit (a u128 exceeds JSON numbers). */
  price: string;
  proposal: string;
  salt: string;
  commitment: string;
  sealedAt: string;
}

/** A receipt for a new bid. */
export function seal(fields: Omit<Receipt, 'format' | 'commitment' | 'sealedAt'>, now = new Date()): Receipt {
  const c = commitment(fields.tender, fields.bidder, BigInt(fields.price), fields.proposal, fields.salt);
  return { format: RECEIPT_FORMAT, ...fields, commitment: c, sealedAt: now.toISOString() };
}

/** The receipt's file text. */
export function toText(receipt: Receipt): string {
  return JSON.stringify(receipt, null, 2) + '\n';
}

/** A receipt read back from its file, checked: its commitment must be what its parts give. */
export function load(text: string): Receipt {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('this file is not a bid receipt (not JSON)');
  }
  const r = value as Receipt;
  if (typeof r !== 'object' || r === null || r.format !== RECEIPT_FORMAT) {
    throw new Error('this file is not a bid receipt of this suite');
  }
  for (const field of ['genesis', 'contract', 'bidder', 'price', 'proposal', 'salt', 'commitment'] as const) {
    if (typeof r[field] !== 'string') {
      throw new Error(`the receipt has no ${field}`);
    }
  }
  if (!/^[0-9]+$/.test(r.price)) {
    throw new Error('the receipt\'s price is not a whole number');
  }
  const again = commitment(r.tender, r.bidder, BigInt(r.price), r.proposal, r.salt);
  if (again !== r.commitment) {
    throw new Error('the receipt has been changed: its parts no longer give its commitment');
  }
  return r;
}
