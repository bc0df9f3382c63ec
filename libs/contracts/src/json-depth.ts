/**
 * Whether JSON text nests arrays and objects deeper than `limit`, found by one pass over the text (brackets inside
 * strings do not count). Checked before parsing: what is parsed must also be printed again, and V8 prints
 * recursively, so a deep enough document would exhaust the stack where the sender deserves a 400.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
