// Digits joined by one separator: one number written in groups of digits (`1,046,892`, `1 046 892`,
// `1'046'892`, `1.046.892`) or several IDs (`1046892,1046893`)? Text written by a person (plain
// text, the IDs box) is read by one rule, so that it could never mean both:
// - a chain is digits, then one or more times a separator and more digits, where each separator is
//   one character: a comma, a space, or one that only ever groups digits (`groupsOnly`);
// - a chain that starts with 1 to 3 digits (not 0) and goes on in groups of exactly 3 (a fraction
//   may end it) could be one number: it is one problem, never IDs (so `101,102,103` is one problem,
//   and `1046892,1046893` or `101, 102, 103` are IDs);
// - dots group digits too, but they also write versions and decimals, so only two or more of them
//   (`1.046.892`) do; the reader keeps those together as one token, and `isDottedGroups` knows them;
// - anything else is a list, each part read on its own, where a part with a leading zero (`046`) is a
//   problem and digits joined by a grouping-only character are one problem (`writtenVerdict`).
import { groupsOnly, isDigit } from './jobId';

/** Whether `c` may join two groups of digits. */
function joinsDigits(c: number): boolean {
  return c === 44 || c === 32 || groupsOnly(c);
}

/** Whether the digits at `start` go on a chain that began earlier: a part after the first is never
 * where a number written in groups starts. */
export function continuesChain(text: string, start: number): boolean {
  return joinsDigits(text.charCodeAt(start - 1)) && isDigit(text.charCodeAt(start - 2));
}

/** Whether `text[i]` continues a chain's digits after a separator. */
export function joinedAt(text: string, i: number): boolean {
  return joinsDigits(text.charCodeAt(i)) && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1));
}

/**
 * Where the number written in groups of digits that starts at `start` ends (before a sentence's
 * closing `.` or `:`), or -1 when the chain starting there is not one (see above). `goesOn(i)` says
 * whether `text[i]` would continue the token the last digits are in (`1,046,892abc` is no number).
 */
export function groupedNumberEnd(text: string, start: number, goesOn: (i: number) => boolean): number {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  if (i === start || i - start > 3 || text.charCodeAt(start) === 48) return -1;
  let groups = 0;
  while (joinsDigits(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3)) && !isDigit(text.charCodeAt(i + 4))) {
    i += 4;
    groups++;
  }
  // The chain goes on with a part of another length: a list, not one number.
  if (groups === 0 || (joinsDigits(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1)))) return -1;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  let after = i;
  while (text.charCodeAt(after) === 46 || text.charCodeAt(after) === 58) after++;
  return after < text.length && goesOn(after) ? -1 : i;
}

/** Whether `text[start, end)` is 1 to 3 digits (not 0) then two or more groups of 3 after a dot. */
export function isDottedGroups(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === start || i - start > 3 || text.charCodeAt(start) === 48 || (end - i) % 4 !== 0 || end - i < 8) return false;
  for (; i < end; i += 4) {
    if (text.charCodeAt(i) !== 46 || !isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2)) || !isDigit(text.charCodeAt(i + 3))) return false;
  }
  return true;
}
