import { REWARDS_RULES, type RewardsTier } from '../../contracts/rewards';

const ORDER: RewardsTier[] = ['bronze', 'silver', 'gold'];

/** The tier for a number of lifetime points, and how many more points reach the next one. */
export function tierFor(lifetimePoints: number): { tier: RewardsTier; nextTier: RewardsTier | null; pointsToNextTier: number | null } {
  const { tierThresholds } = REWARDS_RULES;
  const tier = [...ORDER].reverse().find((t) => lifetimePoints >= tierThresholds[t]) ?? 'bronze';
  const nextTier = ORDER[ORDER.indexOf(tier) + 1] ?? null;
  return { tier, nextTier, pointsToNextTier: nextTier ? tierThresholds[nextTier] - lifetimePoints : null };
}
