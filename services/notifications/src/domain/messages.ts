import { formatMoney, type Money } from './money.js';
import { clientRecipient, driverRecipient, type Recipient } from './recipient.js';

/** The facts worth telling someone about, with the data each message needs. */
export interface NotifiableFacts {
  'cabs.transit.transit-completed': { readonly transitId: string; readonly clientId: string; readonly price: Money };
  'cabs.invoicing.invoice-issued': { readonly number: string; readonly clientId: string; readonly amount: Money };
  'cabs.fees.driver-fee-calculated': { readonly transitId: string; readonly driverId: string; readonly fee: Money };
}

export type NotifiableFact = keyof NotifiableFacts;

export type MessageKind = 'ride-completed' | 'invoice-issued' | 'fee-calculated';

export interface Message {
  readonly recipient: Recipient;
  readonly kind: MessageKind;
  readonly text: string;
}

const COMPOSERS: { readonly [Type in NotifiableFact]: (data: NotifiableFacts[Type]) => Message[] } = {
  'cabs.transit.transit-completed': ({ clientId, price }) => [
    {
      recipient: clientRecipient(clientId),
      kind: 'ride-completed',
      text: `Your ride is complete. Price: ${formatMoney(price)}.`,
    },
  ],
  'cabs.invoicing.invoice-issued': ({ clientId, number, amount }) => [
    {
      recipient: clientRecipient(clientId),
      kind: 'invoice-issued',
      text: `Invoice ${number} for ${formatMoney(amount)} has been issued.`,
    },
  ],
  'cabs.fees.driver-fee-calculated': ({ driverId, transitId, fee }) => [
    {
      recipient: driverRecipient(driverId),
      kind: 'fee-calculated',
      text: `You earned ${formatMoney(fee)} for ride ${transitId}.`,
    },
  ],
};

export function isNotifiable(type: string): type is NotifiableFact {
  return Object.hasOwn(COMPOSERS, type);
}

/**
 * The messages a fact calls for. Exactly one per recipient: the handler stores
 * them keyed by the fact's id and recipient, so a redelivered fact adds nothing.
 */
export function messagesFor<Type extends NotifiableFact>(type: Type, data: NotifiableFacts[Type]): Message[] {
  const compose = COMPOSERS[type] as (data: NotifiableFacts[Type]) => Message[];
  return compose(data);
}
