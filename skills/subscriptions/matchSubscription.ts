import type { Subscription } from '../../contracts/subscriptions';

const STOP = new Set(
  'a an the my me i one for of and to on please pause resume restart skip cancel stop change modify update subscription subscriptions autoship autoships auto ship delivery deliveries order repeat next week weeks until can you want would like it its that this those these'.split(' '),
);

/** Words a customer may use for a product, mapped to words in product names. */
const SYNONYMS: Record<string, string[]> = {
  kibble: ['food', 'kibble'],
  food: ['food', 'kibble'],
  dog: ['dog', 'puppy'],
  doggy: ['dog', 'puppy'],
  puppy: ['puppy', 'dog'],
  cat: ['cat'],
  kitty: ['cat'],
  litter: ['litter'],
  treat: ['treats', 'chews'],
  treats: ['treats', 'chews'],
  chews: ['chews', 'treats'],
  flea: ['flea', 'tick'],
  tick: ['tick', 'flea'],
  bird: ['bird', 'seed'],
  seed: ['seed'],
  dental: ['dental'],
  salmon: ['salmon'],
};

const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9\s]/g, ' ').split(/\s+/).filter((w) => w && !STOP.has(w));
const stem = (w: string) => w.replace(/s$/, '');

/**
 * The subscriptions a message names ("the cat litter one" → the litter subscription). Returns
 * the best-matching ones (several when the message is ambiguous, none when it names nothing).
 */
export function matchSubscriptions(text: string, subs: Subscription[]): Subscription[] {
  const said = words(text);
  if (said.length === 0) return [];
  let best = 0;
  let matches: Subscription[] = [];
  for (const s of subs) {
    const name = new Set(words(s.product.name).map(stem));
    let score = 0;
    for (const w of said) {
      const options = SYNONYMS[w] ?? [w];
      if (options.some((o) => name.has(stem(o)))) score += options[0] === w || name.has(stem(w)) ? 2 : 1;
    }
    if (score > best) {
      best = score;
      matches = [s];
    } else if (score === best && score > 0) matches.push(s);
  }
  return best > 0 ? matches : [];
}
