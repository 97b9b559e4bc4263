/**
 * Which of a customer's items (subscriptions, orders) a message names by its product words:
 * "the cat litter one", "the hay", "the dog bed one". Words of the request itself ("pause",
 * "order", "where") never count; a customer's word may stand for a word in a product name
 * ("kibble" → food).
 */
const STOP = new Set(
  'a an the my me i one for of and to on in at please pause resume restart skip cancel stop change modify update subscription subscriptions autoship autoships auto ship delivery deliveries order orders ordered repeat next week weeks until can you want would like it its that this those these where wheres is are was were did does do has have had ever yet still arrive arrived arriving come coming came get got track tracking status package packages parcel shipment shipped when what whats thing stuff u pls plz'.split(
    ' ',
  ),
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
  fish: ['fish', 'flakes'],
  flakes: ['flakes'],
  bed: ['bed'],
  hay: ['hay'],
  leash: ['leash'],
  tree: ['tree'],
};

/** The words of a message that may name a product. */
export const productWords = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w) && !/^\d+$/.test(w));
const stem = (w: string) => w.replace(/s$/, '');

/** Words that name something a pet shop sells, or the pet it is for. */
const PRODUCT_WORDS = new Set(
  'food kibble treat chew litter bed hay leash collar harness toy tree flake fish bird seed cat dog puppy kitten kitty bowl crate cage shampoo brush med medicine flea tick salmon chicken hamster rabbit bunny guinea ferret turtle lizard snake parrot horse'.split(' '),
);

/** The words of the message that name a product or a pet ("the hamster food" → hamster, food). */
const namedProductWords = (text: string) => productWords(text).filter((w) => PRODUCT_WORDS.has(stem(w)));

/** The message names a product or pet (whether or not any item fits it). */
export const namesProduct = (text: string): boolean => namedProductWords(text).length > 0;

/**
 * The best-matching items for the message (several when it is ambiguous, none when it names
 * nothing). `names` gives the product names of one item. Every product or pet word said must
 * fit: "the hamster food" is not the dog food, "the cat litter" not the cat food.
 */
export function matchProducts<T>(text: string, items: readonly T[], names: (item: T) => string[]): T[] {
  const said = productWords(text);
  if (said.length === 0) return [];
  const required = namedProductWords(text);
  let best = 0;
  let matches: T[] = [];
  for (const item of items) {
    const name = new Set(names(item).flatMap((n) => productWords(n)).map(stem));
    const fits = (w: string) => (SYNONYMS[w] ?? [w]).some((o) => name.has(stem(o)));
    if (!required.every(fits)) continue;
    let score = 0;
    for (const w of said) {
      const options = SYNONYMS[w] ?? [w];
      if (options.some((o) => name.has(stem(o)))) score += options[0] === w || name.has(stem(w)) ? 2 : 1;
    }
    if (score > best) {
      best = score;
      matches = [item];
    } else if (score === best && score > 0) matches.push(item);
  }
  return best > 0 ? matches : [];
}
