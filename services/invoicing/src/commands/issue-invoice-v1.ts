import type { DataOf, issueInvoiceV1, issueInvoiceV2 } from '@cabs/contracts';

type IssueInvoiceV1 = DataOf<typeof issueInvoiceV1>;

/** v1 names no rate: it was only ever sent for rides, and rides have always been taxed at 8 % (docs/decisions/0010). */
export const V1_TAX_RATE = { basisPoints: 800 } as const;

/** Reads a deprecated v1 command as the v2 command it stands for; goes, with v1, once v1 is drained. */
export function fromV1({ amount, ...ride }: IssueInvoiceV1): DataOf<typeof issueInvoiceV2> {
  return { ...ride, gross: amount, taxRate: V1_TAX_RATE };
}
