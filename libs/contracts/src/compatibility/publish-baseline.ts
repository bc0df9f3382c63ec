import type { EventContract } from '../define-event.js';
import { publishedSchema } from '../json-schema.js';
import { readBaseline, writeBaselineFile } from './baseline-files.js';
import { checkCompatibility } from './check-compatibility.js';

export interface PublishOutcome {
  /** What was written, e.g. `published cabs.fees.calculate-fee v2`. */
  written: string[];
  /** Why nothing was written; empty when the baseline was updated. */
  refused: string[];
}

export interface Selection {
  type: string;
  version?: number;
}

/**
 * Records the declared contracts (all, one type, or one version) in the baseline: new versions
 * are published, compatible additions recorded. An incompatible change to a published version
 * is refused, and then nothing at all is written.
 */
export function publishBaseline(root: string, contracts: readonly EventContract[], only?: Selection): PublishOutcome {
  const isSelected = (v: { type: string; version: number }) =>
    !only || (v.type === only.type && (only.version === undefined || v.version === only.version));
  const selected = contracts.filter(isSelected);
  if (only && selected.length === 0) {
    const what = only.version === undefined ? only.type : `${only.type} v${only.version}`;
    const known = [...new Set(contracts.map((c) => c.type))].join(', ');
    return { written: [], refused: [`No declared contract ${what}; the declared types are: ${known}`] };
  }
  const report = checkCompatibility(readBaseline(root).filter(isSelected), selected);
  if (report.breaking.length > 0) return { written: [], refused: report.breaking };

  const write = (verb: string) => (c: EventContract) => {
    writeBaselineFile(root, c.type, c.version, publishedSchema(c));
    return `${verb} ${c.type} v${c.version}`;
  };
  return {
    written: [...report.unpublished.map(write('published')), ...report.outdated.map(write('recorded additions to'))],
    refused: [],
  };
}
