import type { Recognition, Recognizer } from '../../nlu/recognizer';

/**
 * The whole message's entities and words (the product named in "don't cancel the dental
 * chews, just send them every 6 weeks" is still the one meant), classified by what is left
 * once the refused clause is dropped (`rest`).
 */
export async function recognizeAsked(recognizer: Recognizer, text: string, rest: string | undefined): Promise<Recognition> {
  const whole = await recognizer.recognize(text);
  if (!rest) return whole;
  const { intent, score, ranking } = await recognizer.recognize(rest);
  return { ...whole, intent, score, ranking };
}
