// The tender form's rules: the same checks tender::rules::check_params makes
// at publication, in the same order, giving the same refusal, so a form the
// contract would refuse is refused before a wallet is asked to sign. The
// Rust side writes test/vectors.json with its own verdict on hundreds of
// forms near every boundary; the tests hold this file to every one.

export const DAY_MS = 86_400_000;
export const MIN_BIDDING_WINDOW_MS = 7 * DAY_MS;
export const MIN_REVEAL_WINDOW_MS = DAY_MS;
export const MAX_DEADLINE_HORIZON_MS = 365 * DAY_MS;
export const MIN_STANDSTILL_MS = DAY_MS;
export const MAX_STANDSTILL_MS = 90 * DAY_MS;
export const MIN_FIRST_DUE_MS = DAY_MS;
export const MAX_DUE_OFFSET_MS = 3_650 * DAY_MS;
export const MAX_MILESTONES = 12;
export const FULL_BPS = 10_000;
export const MAX_QUALITY = 100;

export type Method =
  | { kind: 'lowestPrice' }
  | { kind: 'weighted'; priceWeight: number; qualityWeight: number; minQuality: number };

export interface TenderForm {
  /** The chain's time when the tender would be published (ms). */
  now: number;
  estimate: bigint;
  bond: bigint;
  submissionDeadline: number;
  revealDeadline: number;
  method: Method;
  standstillMs: number;
  milestones: { shareBps: number; dueOffsetMs: number }[];
}

/** The contract's refusals a form can earn (tender::Error variants). */
export type FormError = 'ZeroAmount' | 'InvalidDeadlines' | 'InvalidMethod' | 'InvalidStandstill' | 'InvalidMilestones';

export type Verdict = { ok: true; milestones: number; minPrice: bigint } | { ok: false; error: FormError };

function deadlinesOk(now: number, submission: number, reveal: number): boolean {
  return submission >= now + MIN_BIDDING_WINDOW_MS && reveal >= submission + MIN_REVEAL_WINDOW_MS && reveal <= now + MAX_DEADLINE_HORIZON_MS;
}

function methodOk(method: Method): boolean {
  if (method.kind === 'lowestPrice') return true;
  return method.priceWeight + method.qualityWeight === 100 && method.priceWeight !== 0 && method.minQuality <= MAX_QUALITY;
}

function milestonesOk(plan: TenderForm['milestones']): boolean {
  if (plan.length < 1 || plan.length > MAX_MILESTONES) return false;
  let last = -1;
  for (const m of plan) {
    if (m.shareBps <= 0 || m.dueOffsetMs <= last) return false;
    last = m.dueOffsetMs;
  }
  const first = plan[0].dueOffsetMs;
  if (first < MIN_FIRST_DUE_MS || last > MAX_DUE_OFFSET_MS) return false;
  return plan.reduce((sum, m) => sum + m.shareBps, 0) === FULL_BPS;
}

/** The lowest price at which every milestone gets at least one unit. */
export function minPrice(shares: number[]): bigint | null {
  if (shares.length === 0) return null;
  let lowest = 1n;
  for (const share of shares.slice(0, -1)) {
    if (share === 0) return null;
    const s = BigInt(share);
    const needed = (BigInt(FULL_BPS) + s - 1n) / s;
    if (needed > lowest) lowest = needed;
  }
  return lowest;
}

/** The contract's verdict on a form. */
export function check(form: TenderForm): Verdict {
  if (form.estimate <= 0n || form.bond <= 0n) return { ok: false, error: 'ZeroAmount' };
  if (!deadlinesOk(form.now, form.submissionDeadline, form.revealDeadline)) return { ok: false, error: 'InvalidDeadlines' };
  if (!methodOk(form.method)) return { ok: false, error: 'InvalidMethod' };
  if (form.standstillMs < MIN_STANDSTILL_MS || form.standstillMs > MAX_STANDSTILL_MS) return { ok: false, error: 'InvalidStandstill' };
  if (!milestonesOk(form.milestones)) return { ok: false, error: 'InvalidMilestones' };
  const lowest = minPrice(form.milestones.map((m) => m.shareBps));
  if (lowest === null || form.estimate < lowest) return { ok: false, error: 'InvalidMilestones' };
  return { ok: true, milestones: form.milestones.length, minPrice: lowest };
}
