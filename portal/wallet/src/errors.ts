// The contracts' refusals in words, in the portal's two languages: what a
// dry run answers is shown before a wallet is asked for anything.
export type Lang = 'en' | 'zh';

const WORDS: Record<string, [string, string]> = {
  ZeroAmount: ['The estimate and the bond must be more than zero.', '预算金额和保证金必须大于零。'],
  InvalidDeadlines: [
    'Bids must be open at least 7 days, revealed at least 1 day after, and close within a year.',
    '投标期至少 7 天，公开期至少 1 天，且须在一年内结束。',
  ],
  InvalidMethod: ['Price and quality weights must add up to 100, price above 0, the quality floor at most 100.', '价格与质量权重之和须为 100，价格权重大于 0，质量下限不超过 100。'],
  InvalidStandstill: ['The standstill must be between 1 and 90 days.', '停顿期须在 1 至 90 天之间。'],
  InvalidMilestones: [
    'The milestone plan needs 1 to 12 milestones, each paying, due in order from day 1, shares adding up to 100 %, and an estimate that pays every one.',
    '里程碑计划须有 1 至 12 个里程碑，每个都有付款，按顺序到期（最早第 1 天），份额合计 100%，且预算足以支付每一个。',
  ],
  SubmissionClosed: ['The submission deadline has passed.', '投标截止时间已过。'],
  BondTooLow: ['The bond attached is less than the tender asks.', '所附保证金低于招标要求。'],
  NotRevealWindow: ['Bids can only be revealed between the submission and the reveal deadline.', '只能在投标截止与公开截止之间公开报价。'],
  CommitmentMismatch: ['The revealed parts do not give the committed hash: check the receipt.', '公开的内容与承诺的哈希不符：请检查收据。'],
  Paused: ['The suite is paused by its Admin.', '系统已被管理员暂停。'],
};

/** A refusal's words; the variant's name if it is not one a form knows. */
export function explain(error: string, lang: Lang): string {
  const name = error.replace(/^.*::/, '').replace(/[^A-Za-z].*$/, '');
  const words = WORDS[name];
  if (!words) return lang === 'en' ? `The contract refused: ${name}.` : `合约拒绝：${name}。`;
  return lang === 'en' ? words[0] : words[1];
}
