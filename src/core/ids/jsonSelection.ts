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
// A value that could mean more than one thing is a problem, never an ID. A value counts only when the
// text proves it whole and well formed:
// - a string by its closing quote (a string cut by a line break or the end of the text, or with a bad
//   escape, is a problem);
// - a number by what follows it: a comma, or the end of its list or object; the end of the text only
//   when the number is the whole document. So a number that only space or comments follow before the
//   end of a cut-off text (`{"job_id":10468` then a line break) is a problem, as is one followed by
//   another value (`[1046 892]`: both parts are problems);
// - a number is written as JSON writes one: `1046892abc`, `12a34`, `-007`, `-01046892`, digits with
//   an invisible character or a no-break space among them are each one problem, never the number
//   their first characters make;
// - a list entry by the comma before it (or the list's opening bracket);
// - an `id` in a text cut off before its object closes (or one around it) is a problem: a job ID key
//   after the cut would outrank it. A job ID key's value counts, as no later key outranks it.
import { classify, malformedNumberMessage, plainIdAt, quoteForMessage, type Verdict } from './jobId';
import { isSureProblem, parseJson, SlotKind, type JsonObjects, type Slot } from './jsonParse';
import { Collector } from './collector';
import { normalizeSelections, SelectionIndex, touches } from './spans';
import type { Extraction, TextSpan } from './types';

/** Where the problem starts that a slot of `kind` always is, or -1 for the kinds judged by their
 * text (a string, a literal, null). */
function problemStart(text: string, start: number, end: number, kind: SlotKind): number {
  if (!isSureProblem(kind)) return -1;
  switch (kind) {
    case SlotKind.Unpreceded:
    case SlotKind.Outrankable:
      return text.charCodeAt(start) === 34 ? start + 1 : start;
    case SlotKind.UnclosedString:
      // The text after the opening quote, or the lone quote when there is none.
      return end > start + 1 ? start + 1 : start;
    case SlotKind.BadString:
      return start + 1;
    default:
      return start;
  }
}

function slotVerdict(text: string, slot: Slot): Verdict {
  const { start, end } = slot;
  const from = problemStart(text, start, end, slot.kind);
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
    case SlotKind.MalformedNumber:
      return { kind: 'problem', start, end, message: malformedNumberMessage(text.slice(start, end)) };
    case SlotKind.Unfollowed:
      return { kind: 'problem', start, end, message: `${quoteForMessage(text.slice(start, end))} is followed by more than a comma or the end of its list or object, so it may be only the first part of a value; it is not taken as a job ID` };
    case SlotKind.Unpreceded: {
      const to = end - (from - start);
      return { kind: 'problem', start: from, end: to, message: `${quoteForMessage(text.slice(from, to))} has no comma before it, so it may be only the last part of a value; it is not taken as a job ID` };
    }
    case SlotKind.Outrankable: {
      const to = end - (from - start);
      return { kind: 'problem', start: from, end: to, message: `${quoteForMessage(text.slice(from, to))} is an "id" in a text cut off before its object closes: a job ID key after the cut would name the job instead, so it is not taken as a job ID` };
    }
    case SlotKind.UnclosedString:
      return { kind: 'problem', start: from, end, message: `${quoteForMessage(text.slice(from, end))} has no closing quote, so it is not taken as a job ID` };
    case SlotKind.BadString:
      return { kind: 'problem', start: from, end: end - 1, message: `${quoteForMessage(text.slice(from, end - 1))} is not a well-formed JSON string, so it is not taken as a job ID` };
  }
}

/** Each object keeps its slot only if it counts (see the rules above); returns, per object, the
 * nearest object at or around it whose slot counts, or -1. Parents come before their children. */
export function settleSlots(objects: JsonObjects): Int32Array {
  const counted = new Int32Array(objects.count);
  // Whether the object, or one around it, is cut off by the end of the text.
  const cutAround = new Uint8Array(objects.count);
  for (let i = 0; i < objects.count; i++) {
    const parent = objects.parent[i];
    const around = parent < 0 ? -1 : counted[parent];
    cutAround[i] = objects.cutOff[i] | (parent < 0 ? 0 : cutAround[parent]);
    if (objects.slotRank[i] === 1) {
      const kind = objects.slotKindAt(i);
      if (objects.listed[i] === 0 || around >= 0) objects.slotRank[i] = 0;
      else if (cutAround[i] === 1 && (kind === SlotKind.Literal || kind === SlotKind.String)) objects.slotKind[i] = SlotKind.Outrankable;
    }
    counted[i] = objects.slotRank[i] > 0 ? i : around;
  }
  return counted;
}

/** The job ID in a slot (a list entry's, or an object's once settled), or undefined. */
export function slotId(text: string, start: number, end: number, kind: SlotKind): { id: number; start: number; end: number } | undefined {
  if (kind !== SlotKind.Literal && kind !== SlotKind.String) return undefined;
  const verdict = slotVerdict(text, { start, end, kind, key: '' });
  return verdict.kind === 'id' ? verdict : undefined;
}

/** A slot's value, by the fast path when it is plainly an ID (nearly every one of a select-all);
 * a problem's message is built only when it is listed. */
function addSlot(out: Collector, text: string, start: number, end: number, kind: SlotKind, key: string): void {
  if (kind === SlotKind.Literal || kind === SlotKind.String) {
    const quote = kind === SlotKind.String ? 1 : 0;
    const id = plainIdAt(text, start + quote, end - quote);
    if (id > 0) return out.addId(id, start + quote, end - quote);
  }
  const from = problemStart(text, start, end, kind);
  if (from < 0) return out.add(slotVerdict(text, { start, end, kind, key }));
  if (!out.admitProblem(from)) return;
  const verdict = slotVerdict(text, { start, end, kind, key });
  if (verdict.kind === 'problem') out.listProblem(verdict.start, verdict.end, verdict.message);
}

/** `byHand`: see parseJson (tests compare the readings). */
export function extractJson(text: string, strict: boolean, selections: readonly TextSpan[], byHand = true): Extraction {
  const out = new Collector();
  const sels = normalizeSelections(selections, text.length);
  if (sels.length === 0) return out.finish();
  const selected = new SelectionIndex(sels);
  const { objects, errors, unlistedErrors } = parseJson(text, strict, {
    touches: (start, end) => selected.touches(start, end),
    coveredUntil: (at) => selected.coveredUntil(at),
    listEntry: (start, end, kind) => {
      if (out.full || !selected.touches(start, end)) return false;
      addSlot(out, text, start, end, kind, '');
      return out.countsOnly;
    },
    countEntries: (count, lastStart, lastEnd, lastKind) => out.countUnlistedUpTo(count, problemStart(text, lastStart, lastEnd, lastKind)),
  }, byHand);
  const countedAround = settleSlots(objects);
  // A value reported as the value it should have been needs no syntax error too. The parse drops
  // those of list entries and job ID keys; an `id` can lose its place after its error was found.
  const explained = new Set<number>();
  const addObject = (i: number) => {
    if (objects.slotRank[i] === 0) return;
    const kind = objects.slotKindAt(i);
    if (objects.slotRank[i] === 1 && (kind === SlotKind.UnclosedString || kind === SlotKind.BadString || kind === SlotKind.MalformedNumber)) explained.add(objects.slotStart[i]);
    const key = kind === SlotKind.Object || kind === SlotKind.List ? (objects.containerKeys.get(i) ?? '') : '';
    addSlot(out, text, objects.slotStart[i], objects.slotEnd[i], kind, key);
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
  for (const err of errors) if (!explained.has(err.start)) out.problem(err.start, err.end, err.message);
  out.countUnlisted(unlistedErrors);
  return out.finish();
}
