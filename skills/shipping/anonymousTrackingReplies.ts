/** What the shipping skill says to a visitor who is not signed in. */
export const anonymousTrackingReplies = {
  askNumber: (signInUrl: string) =>
    `You're not signed in, so I can't see your orders. [Sign in](${signInUrl}) to see them all, or tell me the order number (it starts with PS- and is on your order confirmation e-mail) and I'll look it up.`,
  badNumber: "That doesn't look like an order number: it starts with PS- followed by 5 digits, and you'll find it on the order confirmation e-mail.",
  askProof: "To make sure it's your order: what is the ZIP code it ships to, or the e-mail address you ordered with?",
  badProof: 'I need the 5-digit ZIP code of the delivery address, or the e-mail address on the order.',
  noMatch: (orderId: string) =>
    `I couldn't find an order ${orderId} with that ZIP code or e-mail address. Please check both: the ZIP code is the one of the delivery address, and the e-mail is the one the confirmation went to.`,
  tooMany: (retryAfterSeconds?: number) =>
    `That didn't match too many times, so I can't look up this order for now${retryAfterSeconds ? ` (try again in about ${Math.ceil(retryAfterSeconds / 60)} minutes)` : ''}. You can sign in to see your orders, or ask for a person.`,
  gaveUp: "Let's leave it there for now. When you have the order number and its ZIP code or e-mail at hand, just ask me again.",
};
