/**
 * An event as the broker keeps and delivers it: its context attributes and extensions exactly as they
 * travel in binary mode (name → string), `datacontenttype` among them, and its data as raw bytes.
 * Nothing is re-serialised on the way through, so subscribers get what the sender sent.
 */
export interface MeshEvent {
  attributes: Readonly<Record<string, string>>;
  data: Buffer | undefined;
}
