// Selected JSON values → job IDs and problems. One jsonc-parser `visit` (fault tolerant, UTF-16
// offsets) records the objects and the values that can hold IDs; selections are then resolved
// against those flat lists by binary search, so thousands of cursors cost no more passes.
//
// What counts:
// - the value under a key named like a job ID (job_id, jobId, id, compared like CSV headers: no case,
//   spaces, underscores or hyphens); when an object has both a job ID key and "id", the job ID key
//   wins. Numbers under any other key (created_by, total, limit, vaultId...) never count;
// - an object counts once, through that value, when the selection touches it anywhere: selecting a
//   job's status line, or the whole `data` array of a monitors or histories response, means those
//   jobs. An object that contains the whole selection does not count when a smaller object with an
//   ID inside it also does (a cursor on a nested `{"id": ...}` means that one, not its parent);
// - integers and digit strings in arrays that are lists of IDs: the root array, arrays in such
//   arrays, and arrays under a key named like a job ID or its plural (ids, job_ids).
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { classify, quoteForMessage, type Verdict } from './jobId';
import { Collector, normalizeSelections, touches } from './spans';
import type { Extraction, TextSpan } from './types';

function keyRank(name: string): number {
  const key = name.toLowerCase().replace(/[\s_-]+/g, '');
  return key === 'jobid' ? 2 : key === 'id' ? 1 : 0;
}

function isIdListKey(name: string): boolean {
  const key = name.toLowerCase().replace(/[\s_-]+/g, '');
  return key === 'jobid' || key === 'id' || key === 'jobids' || key === 'ids';
}

/** An ID candidate: a literal (or a container where a literal was expected) at [start, end). */
interface Slot {
  start: number;
  end: number;
  verdict: () => Verdict;
}

interface Frame {
  isArray: boolean;
  /** Object: its index in `objects`. */
  object: number;
  /** Array: its elements are IDs. */
  idList: boolean;
  /** Object: the key of the value being read. */
  key: string | undefined;
}

interface ObjectInfo {
  start: number;
  end: number;
  parent: number;
  slot: Slot | undefined;
  slotRank: number;
}

interface ParseError {
  start: number;
  end: number;
  message: string;
}

function literalVerdict(text: string, value: unknown, offset: number, length: number): Verdict {
  if (value === null) return { kind: 'empty' };
  // Strings: the digits between the quotes; numbers: the source text itself, because the parsed
  // number of 9007199254740993 is already rounded.
  if (typeof value === 'string') return classify(text, offset + 1, offset + length - 1);
  return classify(text, offset, offset + length);
}

function containerVerdict(start: number, isArray: boolean, key: string): Verdict {
  return { kind: 'problem', start, end: start + 1, message: `${quoteForMessage(key)} holds ${isArray ? 'a list' : 'an object'}, not a job ID` };
}

function syntaxMessage(code: ParseErrorCode): string {
  // printParseErrorCode gives "PropertyNameExpected"; users read "property name expected".
  return `JSON syntax error: ${printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

interface Parsed {
  objects: ObjectInfo[];
  elements: Slot[];
  errors: ParseError[];
}

function parse(text: string, strict: boolean): Parsed {
  const objects: ObjectInfo[] = [];
  const elements: Slot[] = [];
  const errors: ParseError[] = [];
  const stack: Frame[] = [];
  let currentObject = -1;

  const top = (): Frame | undefined => stack[stack.length - 1];
  const takeKey = (f: Frame): string | undefined => {
    const key = f.key;
    f.key = undefined;
    return key;
  };
  const offerToObject = (f: Frame, key: string, slot: Slot) => {
    const o = objects[f.object];
    const rank = keyRank(key);
    if (rank > o.slotRank) {
      o.slot = slot;
      o.slotRank = rank;
    }
  };
  const beginContainer = (offset: number, isArray: boolean) => {
    const parent = top();
    let idList = parent === undefined;
    if (parent?.isArray) idList = parent.idList;
    else if (parent !== undefined) {
      const key = takeKey(parent);
      if (key !== undefined && isArray) idList = isIdListKey(key);
      else if (key !== undefined && keyRank(key) > 0) {
        offerToObject(parent, key, { start: offset, end: offset + 1, verdict: () => containerVerdict(offset, isArray, key) });
      }
    }
    if (isArray) {
      stack.push({ isArray, object: -1, idList, key: undefined });
    } else {
      objects.push({ start: offset, end: text.length, parent: currentObject, slot: undefined, slotRank: 0 });
      currentObject = objects.length - 1;
      stack.push({ isArray, object: currentObject, idList: false, key: undefined });
    }
  };
  const endContainer = (offset: number, length: number) => {
    const f = stack.pop();
    if (f !== undefined && !f.isArray) {
      objects[f.object].end = offset + length;
      currentObject = objects[f.object].parent;
    }
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => beginContainer(offset, false),
      onObjectEnd: endContainer,
      onArrayBegin: (offset) => beginContainer(offset, true),
      onArrayEnd: endContainer,
      onObjectProperty: (name) => {
        const f = top();
        if (f !== undefined) f.key = name;
      },
      onLiteralValue: (value: unknown, offset, length) => {
        const f = top();
        if (f === undefined) {
          // A bare value as the whole document: a one-element list.
          elements.push({ start: offset, end: offset + length, verdict: () => literalVerdict(text, value, offset, length) });
          return;
        }
        if (f.isArray) {
          if (f.idList) elements.push({ start: offset, end: offset + length, verdict: () => literalVerdict(text, value, offset, length) });
          return;
        }
        const key = takeKey(f);
        if (key !== undefined && keyRank(key) > 0) {
          offerToObject(f, key, { start: offset, end: offset + length, verdict: () => literalVerdict(text, value, offset, length) });
        }
      },
      onError: (code, offset, length) => {
        // A byte order mark is not an error in a file, only in jsonc-parser's scanner.
        if (offset === 0 && text.charCodeAt(0) === 0xfeff) return;
        errors.push({ start: offset, end: offset + length, message: syntaxMessage(code) });
      },
    },
    { disallowComments: strict, allowTrailingComma: !strict },
  );
  return { objects, elements, errors };
}

/** Index of the last item whose start is at or before `offset`, or -1. */
function lastStartingAtOrBefore(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function touchesError(sel: TextSpan, e: ParseError): boolean {
  // An error at the end of a truncated text has no width; it is selected when the selection reaches it.
  return e.start === e.end ? sel.start <= e.start && e.start <= sel.end : touches(sel, e.start, e.end);
}

export function extractJson(text: string, strict: boolean, selections: readonly TextSpan[]): Extraction {
  const out = new Collector();
  const sels = normalizeSelections(selections, text.length);
  if (sels.length === 0) return out.finish();
  const { objects, elements, errors } = parse(text, strict);
  const add = (slot: Slot | undefined) => {
    if (slot !== undefined) out.add(slot.verdict());
  };

  for (const sel of sels) {
    // Objects around the selection's start: the innermost one with an ID that contains the whole
    // selection counts; those it only partly covers count too.
    let i = lastStartingAtOrBefore(objects, sel.start);
    const first = i + 1;
    let innermostCounted = false;
    while (i >= 0) {
      const o = objects[i];
      if (touches(sel, o.start, o.end)) {
        const containsAll = o.start <= sel.start && sel.end <= o.end;
        if (o.slot !== undefined && (!containsAll || !innermostCounted)) {
          add(o.slot);
          if (containsAll) innermostCounted = true;
        }
      }
      i = o.parent;
    }
    // Objects that start inside the selection: each counts.
    for (let k = first; k < objects.length && objects[k].start < sel.end; k++) add(objects[k].slot);
    let e = Math.max(0, lastStartingAtOrBefore(elements, sel.start));
    for (; e < elements.length && elements[e].start <= sel.end; e++) {
      if (touches(sel, elements[e].start, elements[e].end)) add(elements[e]);
    }
  }
  for (const err of errors) {
    if (sels.some((s) => touchesError(s, err))) out.problem(err.start, err.end, err.message);
  }
  return out.finish();
}
