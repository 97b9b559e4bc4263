import type { Rewards, RewardsRedemption, RewardsTransaction } from '../../contracts/rewards';
import { formatDay, formatMoney, formatNumber } from '../shared/format';

const TIER = { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' } as const;

/** What the rewards skill says. */
export const rewardsReplies = {
  balance: (r: Rewards) =>
    `You have **${formatNumber(r.points)} points** (${TIER[r.tier]} tier), worth ${formatMoney((r.points / r.pointsPerDollar) * 100)} in store credit.` +
    (r.nextTier && r.pointsToNextTier !== null ? ` ${formatNumber(r.pointsToNextTier)} more lifetime points will take you to ${TIER[r.nextTier]}.` : ' That is our top tier. Thank you!'),
  noHistory: "You don't have any points activity yet. You earn points with every order.",
  history: (txs: RewardsTransaction[], today: string) =>
    `Your last ${txs.length === 1 ? 'points activity' : `${txs.length} points activities`}:\n` +
    txs.map((t) => `- ${formatDay(t.createdAt.slice(0, 10), today)}: ${t.points > 0 ? '+' : ''}${formatNumber(t.points)} (${t.description}), balance ${formatNumber(t.balanceAfter)}`).join('\n'),
  askPoints: (r: Rewards) =>
    `You have ${formatNumber(r.points)} points. How many would you like to turn into store credit? (In steps of 100; ${r.pointsPerDollar} points = $1.)`,
  notEnough: (r: Rewards) => `You need at least 100 points to redeem, and you have ${formatNumber(r.points)}. You earn points with every order.`,
  badPoints: 'Please give a number of points in steps of 100, like 500.',
  tooMany: (points: number) => `You only have ${formatNumber(points)} points.`,
  confirm: (points: number, r: Rewards) => `Turn **${formatNumber(points)} points** into **${formatMoney((points / r.pointsPerDollar) * 100)}** of store credit?`,
  done: (x: RewardsRedemption) =>
    `Done: ${formatNumber(x.pointsRedeemed)} points became ${formatMoney(x.creditCents)} of store credit. You now have ${formatNumber(x.points)} points and ${formatMoney(x.storeCreditCents)} in store credit.`,
  declined: 'Okay, I left your points as they are.',
  gaveUp: "Let's leave it there for now. Ask me again whenever you like.",
  insufficient: 'You no longer have enough points for that; your balance changed. Ask me for your balance to see it.',
};
