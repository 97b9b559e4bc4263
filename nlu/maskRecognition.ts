import { maskCardNumber, maskText } from '../platform/mask';
import type { Entity, Recognition } from './recognizer';

/** An entity safe to log: card numbers keep their last 4 digits, PINs are hidden. */
export function maskEntity(e: Entity): Entity {
  switch (e.type) {
    case 'giftCardNumber':
      return { ...e, text: maskCardNumber(e.text), value: maskCardNumber(e.value) };
    case 'pin':
      return { ...e, text: '[pin]', value: '[pin]' };
    default:
      return { ...e, text: maskText(e.text) };
  }
}

/** A recognition safe to log or keep for training review (text and entities masked). */
export function maskRecognition(r: Recognition): Recognition {
  return { ...r, text: maskText(r.text), entities: r.entities.map(maskEntity) };
}
