import type { Static, TSchema } from '@sinclair/typebox';

/** A command asks one service to do something; a fact states what happened; legacy events keep the upstream demo's shapes. */
export type EventKind = 'command' | 'fact' | 'legacy';

/** Removed versions stay in the registry so the catalogue and the compatibility guard remember them. */
export type ContractStatus = 'current' | 'deprecated' | 'removed';

/** One version of one CloudEvents type: its `data` schema and who sends and handles it. */
export interface EventContract<S extends TSchema = TSchema> {
  /** The CloudEvents `type`, `cabs.<service>.<kebab-name>`. */
  type: string;
  version: number;
  kind: EventKind;
  status: ContractStatus;
  /** The CloudEvents `dataschema`: a URI naming this type and version. */
  dataschema: string;
  /** JSON Schema (draft-07 compatible) of the event's `data`; its `$id` is `dataschema`. */
  schema: S;
  /** One sentence. */
  description: string;
  /** Services or clients (`console`, `cli`, `legacy`) that send it. */
  sentBy: string[];
  /** Services that handle it. */
  handledBy: string[];
}

export type DataOf<C extends EventContract> = Static<C['schema']>;

export const dataschemaFor = (type: string, version: number): string => `urn:cabs:schema:${type}:v${version}`;

const TYPE_NAME = /^cabs\.[a-z][a-z0-9]*(-[a-z0-9]+)*\.[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Declares one version of an event type. The schema gets the `$id` it is published under,
 * so a JSON Schema copied out of the catalogue still says what it describes.
 */
export function defineEvent<S extends TSchema>(
  c: Omit<EventContract<S>, 'dataschema'> & { dataschema?: string },
): EventContract<S> {
  if (!TYPE_NAME.test(c.type)) {
    throw new Error(`Event type '${c.type}' must read cabs.<service>.<kebab-name>, e.g. 'cabs.fees.calculate-fee'`);
  }
  if (!Number.isInteger(c.version) || c.version < 1) {
    throw new Error(`Event type '${c.type}': version must be a positive integer (got ${String(c.version)})`);
  }
  const dataschema = c.dataschema ?? dataschemaFor(c.type, c.version);
  const schema = { ...c.schema, $id: dataschema } as S;
  return Object.freeze({ ...c, dataschema, schema });
}
