// Pending job transitions ordered by due time (a binary min-heap), so that bringing the store up
// to "now" costs O(log n) per due transition instead of a scan of every job.

export interface Transition {
  at: number;
  jobId: number;
  status: string;
  /** The job's generation when scheduled; a later setStatus or cancel makes the transition stale. */
  generation: number;
}

export class Timeline {
  private readonly heap: Transition[] = [];

  push(transition: Transition): void {
    const heap = this.heap;
    heap.push(transition);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].at <= heap[i].at) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  /** Removes and returns the earliest transition due at or before `now`. */
  popDue(now: number): Transition | undefined {
    const heap = this.heap;
    if (heap.length === 0 || heap[0].at > now) return undefined;
    const top = heap[0];
    const last = heap.pop() as Transition;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left].at < heap[smallest].at) smallest = left;
        if (right < heap.length && heap[right].at < heap[smallest].at) smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
        i = smallest;
      }
    }
    return top;
  }
}
