/**
 * Who a conversation belongs to. Channels set this on every inbound activity from what they
 * authenticated (a signed token, a terminal flag), never from what the client sent; the bot
 * reads it only through {@link identityOf}.
 */
export interface CustomerIdentity {
  /** The shop's customer id, or null for an anonymous visitor. */
  customerId: string | null;
  /** Display name when known. */
  name?: string;
  /** The address the channel saw the message come from: for abuse limits (review captures), never shown. */
  clientAddress?: string;
}

/** Key under `activity.channelData` where channels put the authenticated identity. */
export const IDENTITY_KEY = 'pawIdentity';

interface WithChannelData {
  channelData?: unknown;
}

/** Sets the identity on an inbound activity, replacing anything the client put there. */
export function stampIdentity<A extends WithChannelData>(activity: A, identity: CustomerIdentity): A {
  const channelData = (activity.channelData && typeof activity.channelData === 'object' ? activity.channelData : {}) as Record<string, unknown>;
  activity.channelData = {
    ...channelData,
    [IDENTITY_KEY]: { customerId: identity.customerId, ...(identity.name ? { name: identity.name } : {}), ...(identity.clientAddress ? { clientAddress: identity.clientAddress } : {}) },
  };
  return activity;
}

/** The identity a channel stamped, or anonymous. */
export function identityOf(activity: WithChannelData): CustomerIdentity {
  const cd = activity.channelData as Record<string, unknown> | undefined;
  const id = cd?.[IDENTITY_KEY] as Partial<CustomerIdentity> | undefined;
  return {
    customerId: typeof id?.customerId === 'string' ? id.customerId : null,
    ...(typeof id?.name === 'string' ? { name: id.name } : {}),
    ...(typeof id?.clientAddress === 'string' ? { clientAddress: id.clientAddress } : {}),
  };
}
