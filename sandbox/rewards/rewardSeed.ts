import type { DocStore } from '../../platform/store/docStore';
import type { Clock } from '../clock';
import { appendEntries, emptyAccount, type NewEntry } from './rewardsLedger';

type SeedEntry = [daysAgo: number, type: NewEntry['type'], points: number, description: string];

const order = (what: string): string => `Purchase: ${what}`;

/**
 * The demo ledgers, oldest first. Balances (sum of entries) and tiers (lifetime points):
 * cus-ava 3,450 points, gold (6,450 lifetime, 20 entries); cus-ben 1,240, silver (2,140);
 * cus-chloe 350, bronze (3 entries); cus-diego 600, bronze, 100 points short of silver;
 * cus-emma nothing at all.
 */
export const SEED_LEDGERS: Readonly<Record<string, readonly SeedEntry[]>> = {
  'cus-ava': [
    [420, 'earn', 500, 'Welcome bonus'],
    [400, 'earn', 620, order('Grain-Free Salmon Dog Food 24 lb ×2')],
    [372, 'earn', 410, order('Grain-Free Salmon Dog Food 24 lb')],
    [344, 'earn', 380, order('Flea & Tick Chews 6-pack')],
    [316, 'earn', 450, order('Grain-Free Salmon Dog Food 24 lb')],
    [300, 'earn', 300, 'Birthday bonus'],
    [288, 'earn', 520, order('Orthopedic Dog Bed, Large')],
    [260, 'redeem', -1000, 'Redeemed for $10.00 store credit'],
    [232, 'earn', 390, order('Grain-Free Salmon Dog Food 24 lb')],
    [204, 'earn', 270, order('Flea & Tick Chews 6-pack')],
    [176, 'earn', 460, order('Grain-Free Salmon Dog Food 24 lb')],
    [160, 'earn', 200, 'Product review bonus'],
    [148, 'earn', 480, order('Grain-Free Salmon Dog Food 24 lb')],
    [120, 'earn', 330, order('Rope Tug Toy 3-pack')],
    [92, 'earn', 250, order('Flea & Tick Chews 6-pack')],
    [80, 'redeem', -2000, 'Redeemed for $20.00 store credit'],
    [64, 'earn', 290, order('Grain-Free Salmon Dog Food 24 lb')],
    [36, 'earn', 250, 'Referral bonus: a friend joined'],
    [20, 'earn', 250, order('Grain-Free Salmon Dog Food 24 lb')],
    [8, 'earn', 100, order('Grain-Free Salmon Dog Food 24 lb')],
  ],
  'cus-ben': [
    [300, 'earn', 500, 'Welcome bonus'],
    [270, 'earn', 310, order('Clumping Cat Litter 40 lb ×2')],
    [240, 'earn', 280, order('Indoor Cat Food 12 lb')],
    [200, 'earn', 420, order('Cat Tree, 5 ft')],
    [180, 'redeem', -500, 'Redeemed for $5.00 store credit'],
    [120, 'earn', 330, order('Clumping Cat Litter 40 lb ×2')],
    [60, 'earn', 300, order('Salmon Cat Treats ×3')],
    [30, 'redeem', -400, 'Redeemed for $4.00 store credit'],
  ],
  'cus-chloe': [
    [40, 'earn', 250, 'Welcome bonus'],
    [38, 'earn', 60, order('Puppy Kibble 15 lb')],
    [17, 'earn', 40, order('Puppy Training Pads 50-count')],
  ],
  'cus-diego': [
    [200, 'earn', 500, 'Welcome bonus'],
    [150, 'earn', 180, order('Aquarium Filter Cartridges 6-pack')],
    [110, 'earn', 120, order('Tropical Fish Flakes')],
    [90, 'adjust', 100, 'Goodwill: a delivery arrived late'],
    [45, 'redeem', -300, 'Redeemed for $3.00 store credit'],
  ],
  'cus-emma': [],
};

/** Seeds the rewards demo data, relative to the clock's today (store credit stays as the customers were seeded). */
export async function seedRewards(store: DocStore, clock: Clock): Promise<void> {
  const now = clock.now().getTime();
  const writes = Object.entries(SEED_LEDGERS).flatMap(([customerId, ledger]) =>
    appendEntries(
      emptyAccount(customerId),
      ledger.map(([daysAgo, type, points, description]) => ({ type, points, description, createdAt: new Date(now - daysAgo * 86_400_000).toISOString() })),
    ).writes,
  );
  await store.transact(
    writes.map((w) => w.key),
    () => ({ writes, result: null }),
  );
}
