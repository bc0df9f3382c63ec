/**
 * An event on the mesh in binary mode's terms, whichever mode it came in: every context attribute and extension as
 * its canonical string (`datacontenttype` among them), and the data apart. The data are raw bytes by default — the
 * broker keeps and delivers them unchanged — or whatever a receiver's body parser made of them (the chassis).
 */
export interface MeshEvent<D = Buffer> {
  readonly attributes: Readonly<Record<string, string>>;
  readonly data: D | undefined;
}

/** A decoded event, or what is wrong with the message: a sentence for a person, the message of a 400. */
export type Decoded<D = Buffer> = { ok: true; event: MeshEvent<D> } | { ok: false; problem: string };

/**
 * What is wrong, as a value: the codec's checks return one instead of throwing, so a refusal costs no stack trace
 * and a valid event no try/catch. Never an Error, never thrown.
 */
export class Problem {
  constructor(readonly message: string) {}
}
