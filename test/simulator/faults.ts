// Fault injection: each fault is switched on with `set`, scoped by path (matched against the path
// with its query) and method, lets the first `skip` matching requests pass, fires at most `times`
// times (unlimited by default), and is switched off with `clear`. The server asks `take` at the point in a request where each kind applies.

interface FaultScope {
  path?: RegExp;
  method?: string;
  times?: number;
  /** Matching requests let through before it fires, e.g. 1 to fault the second cancel request. */
  skip?: number;
}

export type FaultSpec = FaultScope &
  (
    | { kind: 'latency'; ms: number }
    /** The session used by every `calls`-th matching call ends right after that call is answered. */
    | { kind: 'expireSessionAfterCalls'; calls: number }
    /** The socket is destroyed before the request is applied. */
    | { kind: 'dropBeforeApply' }
    /** The request is applied, then the socket is destroyed without an answer. */
    | { kind: 'dropAfterApply' }
    /** HTTP 502 with an HTML body, as a proxy in the way sends; `applied` = after the request was applied. */
    | { kind: 'proxy502'; applied?: boolean }
    /** HTTP 200 whose body is not JSON. */
    | { kind: 'nonJson'; applied?: boolean; body?: string }
    /** The connection stays open and never gets an answer (until the simulator closes). */
    | { kind: 'noAnswer'; applied?: boolean }
    /** Cancel: every item is applied but the last `drop` (default 1) are missing from `data`. */
    | { kind: 'shortData'; drop?: number }
    /** Cancel: a top-level FAILURE (default UNEXPECTED_ERROR) and nothing applied. */
    | { kind: 'batchFailure'; type?: string; message?: string }
    /**
     * Right after the request is applied (its answer already built), the first `finish` RUNNING jobs of
     * the Active list finish and `queue` (default 0) new jobs are queued at its end: a list read page by
     * page, by offset, moves under its reader (later pages start `finish` jobs too late).
     */
    | { kind: 'moveActiveList'; finish: number; queue?: number }
  );

export type FaultKind = FaultSpec['kind'];
export type FaultOf<K extends FaultKind> = Extract<FaultSpec, { kind: K }>;

export const faultKinds: readonly FaultKind[] = [
  'latency', 'expireSessionAfterCalls', 'dropBeforeApply', 'dropAfterApply', 'proxy502', 'nonJson', 'noAnswer', 'shortData', 'batchFailure',
  'moveActiveList',
];

export interface ActiveFault {
  readonly spec: FaultSpec;
  /** How many times it has fired so far. */
  readonly fired: number;
  clear(): void;
}

class Fault implements ActiveFault {
  fired = 0;
  /** Matching calls seen, for faults that fire every n-th call. */
  seen = 0;
  /** Matching calls let through so far (see `skip`). */
  skipped = 0;

  constructor(
    readonly spec: FaultSpec,
    private readonly remove: (fault: Fault) => void,
  ) {}

  matches(method: string, url: string): boolean {
    const { path, method: onlyMethod, times } = this.spec;
    return (times === undefined || this.fired < times) && (!onlyMethod || onlyMethod.toUpperCase() === method) && (!path || path.test(url));
  }

  clear(): void {
    this.remove(this);
  }
}

export class FaultController {
  private faults: Fault[] = [];

  set(spec: FaultSpec): ActiveFault {
    if (!faultKinds.includes(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}`);
    const fault = new Fault(spec, (f) => (this.faults = this.faults.filter((x) => x !== f)));
    this.faults.push(fault);
    return fault;
  }

  /** Switches off every fault, or every fault of one kind. */
  clear(kind?: FaultKind): void {
    this.faults = kind ? this.faults.filter((f) => f.spec.kind !== kind) : [];
  }

  list(): readonly ActiveFault[] {
    return [...this.faults];
  }

  /** The first live fault of `kind` for this request, counted as fired; undefined if none fires. */
  take<K extends FaultKind>(kind: K, method: string, url: string, when: (spec: FaultOf<K>) => boolean = () => true): FaultOf<K> | undefined {
    const fault = this.faults.find((f) => f.spec.kind === kind && f.matches(method, url) && when(f.spec as FaultOf<K>));
    if (!fault) return undefined;
    if (fault.skipped < (fault.spec.skip ?? 0)) {
      fault.skipped++;
      return undefined;
    }
    if (fault.spec.kind === 'expireSessionAfterCalls' && ++fault.seen % Math.max(1, fault.spec.calls) !== 0) return undefined;
    fault.fired++;
    return fault.spec as FaultOf<K>;
  }
}
