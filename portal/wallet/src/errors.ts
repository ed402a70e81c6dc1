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
  WrongBond: ['The value attached is not the bond the tender asks for.', '所附金额与招标要求的保证金不符。'],
  MissingRole: ['This account does not hold the role this action needs.', '此账户没有执行此操作所需的角色。'],
  ConflictingRole: ['This account holds a role that may not take part here (a conflict of roles).', '此账户持有不得参与此处的角色（角色冲突）。'],
  TenderNotFound: ['There is no tender with this number.', '没有此编号的招标。'],
  WithdrawalClosed: ['Bids can only be withdrawn before the submission deadline.', '只能在投标截止前撤回投标。'],
  RevealNotOpen: ['The reveal window has not opened yet: it opens at the submission deadline.', '公开期尚未开始：投标截止时开始。'],
  RevealClosed: ['The reveal deadline has passed: a bid not revealed by then is invalid and its bond forfeited.', '公开截止时间已过：未公开的投标无效，保证金被没收。'],
  RevealStillOpen: ['The reveal window is still open.', '公开期尚未结束。'],
  BidNotFound: ['This account has no bid on this tender.', '此账户在该招标中没有投标。'],
  NotSealed: ['This bid is no longer sealed (already revealed or withdrawn).', '此投标已不处于密封状态（已公开或已撤回）。'],
  BondNotClaimable: ['This bond cannot be claimed now: a revealed bid\'s bond comes back once it has lost or its agreement is signed; an unrevealed one is forfeited.', '此保证金现在不能领取：已公开投标的保证金在落选或签约后退还；未公开的被没收。'],
  NotVendor: ['Only the agreement\'s vendor can do this.', '只有协议的供应商可以执行此操作。'],
  NotInspector: ['Only the agreement\'s Inspector can do this.', '只有协议的验收员可以执行此操作。'],
  NotOffered: ['The agreement is not waiting for a signature.', '该协议不在待签署状态。'],
  SigningClosed: ['The time to sign this agreement has passed.', '签署该协议的期限已过。'],
  NotDeliverable: ['This milestone cannot be delivered now (not the next one, or the agreement is not active).', '此里程碑现在不能交付（不是下一个，或协议未生效）。'],
  NotDelivered: ['This milestone has not been delivered.', '此里程碑尚未交付。'],
  NotMember: ['This account is not on the tender\'s committee.', '此账户不是该招标评审委员会成员。'],
  AlreadyDeclared: ['This member has already declared.', '该成员已作出声明。'],
  ScoringClosed: ['The scoring deadline has passed.', '评分截止时间已过。'],
  StandstillRunning: ['The standstill period is still running.', '停顿期尚未结束。'],
  NotYet: ['This change may not run yet: its announced time has not come.', '此变更尚不能执行：公告的时间未到。'],
  ReleaseNotPending: ['This release is not waiting for approval.', '此付款不在待批准状态。'],
  AlreadyApproved: ['This account has already approved this release.', '此账户已批准过此付款。'],
  NotRevealWindow: ['Bids can only be revealed between the submission and the reveal deadline.', '只能在投标截止与公开截止之间公开报价。'],
  CommitmentMismatch: ['The revealed parts do not give the committed hash: check the receipt.', '公开的内容与承诺的哈希不符：请检查收据。'],
  Paused: ['The suite is paused by its Admin.', '系统已被管理员暂停。'],
};

/** A refusal's words; the variant's name if it is not one a form knows.
 * (`Paused` refuses what changes a procurement while the suite is paused;
 * refunds and claims are never refused for it.) */
export function explain(error: string, lang: Lang): string {
  const name = error.replace(/^.*::/, '').replace(/[^A-Za-z].*$/, '');
  const words = WORDS[name];
  if (!words) return lang === 'en' ? `The contract refused: ${name}.` : `合约拒绝：${name}。`;
  return lang === 'en' ? words[0] : words[1];
}
