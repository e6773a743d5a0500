// Selected JSON values → job IDs and problems. One pass (jsonParse.ts) records the objects and the
// values that can hold IDs; selections are then swept against those flat lists in document order, so
// thousands of cursors or selections cost no more passes and each object, entry and error is looked
// at a bounded number of times.
//
// Which values count (the same rules for a cursor, a drag and select-all):
// - `job_id` (any spelling keys.ts accepts: jobId, "Job ID"...) in an object at any depth;
// - `id` only in an object that is a job: the document's root object or an element of a list, and
//   not inside another object that has a job ID. So `data: [{"id": 5}]` is job 5, while
//   `"owner": {"id": 61603}`, `"vault": {"id": 4410}` or `responseDetails` are not jobs; when an
//   object has both, `job_id` wins. Numbers under any other key (created_by, total, vaultId...) never
//   count;
// - an object that counts does so once, through that value, when a selection touches it anywhere:
//   selecting a job's status line, its owner, or the whole `data` array of a monitors or histories
//   response, means those jobs. An object that contains the whole selection does not count when a
//   smaller object with an ID inside it also does (a cursor in a nested job means that job);
// - integers and digit strings in lists of IDs: the root list, lists in such lists, and lists under a
//   key named like a job ID or its plural (ids, job_ids), and a bare value as the whole document.
// A value that is not complete and well formed (a string without its closing quote, a number the
// end of a truncated text may have cut, a bad escape) is a problem, never an ID.
import { classify, plainIdAt, quoteForMessage, type Verdict } from './jobId';
import { parseJson, SlotKind, type JsonObjects, type Slot } from './jsonParse';
import { Collector } from './collector';
import { normalizeSelections, SelectionSweep, touches } from './spans';
import type { Extraction, TextSpan } from './types';

function slotVerdict(text: string, slot: Slot): Verdict {
  const { start, end } = slot;
  switch (slot.kind) {
    case SlotKind.Null:
      return { kind: 'empty' };
    case SlotKind.String:
      return classify(text, start + 1, end - 1);
    case SlotKind.Literal:
      return classify(text, start, end);
    case SlotKind.Object:
    case SlotKind.List:
      return { kind: 'problem', start, end, message: `${quoteForMessage(slot.key)} holds ${slot.kind === SlotKind.List ? 'a list' : 'an object'}, not a job ID` };
    case SlotKind.CutNumber:
      return { kind: 'problem', start, end, message: `${quoteForMessage(text.slice(start, end))} is cut off by the end of the text, so it is not taken as a job ID` };
    case SlotKind.UnclosedString: {
      // The text after the opening quote, or the lone quote when there is none.
      const from = end > start + 1 ? start + 1 : start;
      return { kind: 'problem', start: from, end, message: `${quoteForMessage(text.slice(from, end))} has no closing quote, so it is not taken as a job ID` };
    }
    case SlotKind.BadString:
      return { kind: 'problem', start: start + 1, end: end - 1, message: `${quoteForMessage(text.slice(start + 1, end - 1))} is not a well-formed JSON string, so it is not taken as a job ID` };
  }
}

/** Each object keeps its slot only if it counts (see the rules above); returns, per object, the
 * nearest object at or around it whose slot counts, or -1. Parents come before their children. */
function settleSlots(objects: JsonObjects): Int32Array {
  const counted = new Int32Array(objects.count);
  for (let i = 0; i < objects.count; i++) {
    const parent = objects.parent[i];
    const around = parent < 0 ? -1 : counted[parent];
    if (objects.slotRank[i] === 1 && (objects.listed[i] === 0 || around >= 0)) objects.slotRank[i] = 0;
    counted[i] = objects.slotRank[i] > 0 ? i : around;
  }
  return counted;
}

export function extractJson(text: string, strict: boolean, selections: readonly TextSpan[]): Extraction {
  const out = new Collector();
  const sels = normalizeSelections(selections, text.length);
  if (sels.length === 0) return out.finish();
  const { objects, listEntries, errors } = parseJson(text, strict);
  const countedAround = settleSlots(objects);
  // A cut or malformed string reported as the value it should have been needs no syntax error too.
  const explained = new Set<number>();
  const add = (slot: Slot | undefined) => {
    if (slot === undefined) return;
    if (slot.kind === SlotKind.UnclosedString || slot.kind === SlotKind.BadString) explained.add(slot.start);
    out.add(slotVerdict(text, slot));
  };
  /** An object's slot, by the fast path when it is plainly an ID (nearly every job of a select-all). */
  const addObject = (i: number) => {
    const kind = objects.slotKindAt(i);
    if (objects.slotRank[i] > 0 && (kind === SlotKind.Literal || kind === SlotKind.String)) {
      const quote = kind === SlotKind.String ? 1 : 0;
      const start = objects.slotStart[i] + quote;
      const end = objects.slotEnd[i] - quote;
      const id = plainIdAt(text, start, end);
      if (id > 0) return out.addId(id, start, end);
    }
    add(objects.slot(i));
  };

  // Objects around each selection's start, innermost on top: a sweep over the objects in order of
  // their opening, keeping the chain of those still open.
  const open: number[] = [];
  let nextObject = 0;
  // Objects before this index that start inside some selection have been counted already.
  let insideFrom = 0;
  for (const sel of sels) {
    if (out.full) break;
    const cursor = sel.start === sel.end;
    while (nextObject < objects.count && objects.start[nextObject] <= sel.start) {
      const parent = objects.parent[nextObject];
      while (open.length > 0 && open[open.length - 1] !== parent) open.pop();
      open.push(nextObject++);
    }
    while (open.length > 0 && (cursor ? objects.end[open[open.length - 1]] < sel.start : objects.end[open[open.length - 1]] <= sel.start)) open.pop();
    // Those it only partly covers count; then the innermost with a counted slot that contains it all.
    for (let j = open.length - 1; j >= 0; j--) {
      const o = open[j];
      if (sel.end <= objects.end[o]) {
        const around = countedAround[o];
        if (around >= 0) addObject(around);
        break;
      }
      if (touches(sel, objects.start[o], objects.end[o])) addObject(o);
    }
    // Objects that start inside the selection: each counts.
    let k = Math.max(nextObject, insideFrom);
    for (; k < objects.count && objects.start[k] < sel.end && !out.full; k++) addObject(k);
    insideFrom = Math.max(insideFrom, k);
  }
  const entries = new SelectionSweep(sels);
  for (const entry of listEntries) {
    if (out.full) break;
    if (entries.touches(entry.start, entry.end)) add(entry);
  }
  const byScopeEnd = [...errors].sort((a, b) => a.scopeEnd - b.scopeEnd);
  const errorSweep = new SelectionSweep(sels);
  for (const err of byScopeEnd) {
    if (errorSweep.touches(err.scopeStart, err.scopeEnd) && !explained.has(err.start)) out.problem(err.start, err.end, err.message);
  }
  return out.finish();
}
