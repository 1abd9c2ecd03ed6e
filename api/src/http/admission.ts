import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors';
import { log } from '../logger';
import { sendErrors } from './error-language';

/** Seconds a client refused for overload is told to wait (Retry-After). */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

const MESSAGE = 'Hệ thống đang quá tải. Vui lòng thử lại sau ít giây.';

export interface AdmissionLimits {
  /** GraphQL requests handled at once by this process (GRAPHQL_CONCURRENCY) */
  concurrency: number;
  /** requests that may wait for a place (GRAPHQL_QUEUE); one more is refused at once */
  queue: number;
}

/**
 * Which lane a request waits in, decided before its body is read: `staff` for a request with a
 * session this process knows to be valid (officers recording, leaders approving: the writes),
 * `public` for the rest (anonymous readers of boards, made-up sessions, first requests).
 */
export type Lane = 'public' | 'staff';
export const LANES: readonly Lane[] = ['public', 'staff'];

export interface LaneStats {
  running: number;
  waiting: number;
  refused: number;
}

export interface Admission {
  /**
   * Admits the request (resolving with the function that gives its place back), or answers it
   * 503 SERVICE_UNAVAILABLE with Retry-After, before its body is read, and resolves with null.
   */
  admit(req: IncomingMessage, res: ServerResponse, lane?: Lane): Promise<(() => void) | null>;
  /** running and waiting now, and refused since start, in all and by lane (tests, /metrics) */
  stats(): LaneStats & { lanes: Record<Lane, LaneStats> };
}

/**
 * Load shedding for /graphql: per lane, at most `concurrency` requests run, at most `queue` wait in
 * order, and any more are refused at once with a cheap 503 instead of piling up in memory and in
 * the event loop. A flood then costs the process a bounded amount of work per second, and what is
 * not GraphQL (/healthz, the web app) keeps being answered. Signed-in work has its own lane
 * (`staff`, default limits `staffLimits`), so approvals and recordings do not wait behind — or get
 * refused with — a crowd of anonymous board readers.
 */
export function createAdmission(limits: AdmissionLimits, staffLimits: AdmissionLimits = limits): Admission {
  const lanes = { public: createLane(limits), staff: createLane(staffLimits) };
  return {
    admit: (req, res, lane = 'public') => lanes[lane].admit(req, res),
    stats: () => {
      const byLane = { public: lanes.public.stats(), staff: lanes.staff.stats() };
      return {
        running: byLane.public.running + byLane.staff.running,
        waiting: byLane.public.waiting + byLane.staff.waiting,
        refused: byLane.public.refused + byLane.staff.refused,
        lanes: byLane,
      };
    },
  };
}

function createLane(limits: AdmissionLimits): { admit(req: IncomingMessage, res: ServerResponse): Promise<(() => void) | null>; stats(): LaneStats } {
  let running = 0;
  let refused = 0;
  let refusedThisSecond = 0;
  let summaryTimer: NodeJS.Timeout | null = null;
  const waiting: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  // one log line a second at most while requests are refused: a flood must not flood the log
  const noteRefusal = () => {
    refused++;
    refusedThisSecond++;
    summaryTimer ??= setTimeout(() => {
      log().warn({ refused: refusedThisSecond, concurrency: limits.concurrency, queue: limits.queue }, 'overloaded: GraphQL requests refused with 503');
      refusedThisSecond = 0;
      summaryTimer = null;
    }, 1_000).unref();
  };

  const refuse = (res: ServerResponse) => {
    noteRefusal();
    sendErrors(res, 503, [{ code: ErrorCode.SERVICE_UNAVAILABLE, message: MESSAGE, extensions: { retryAfter: OVERLOAD_RETRY_AFTER_SECONDS } }], {
      'retry-after': String(OVERLOAD_RETRY_AFTER_SECONDS),
      // the unread body is not worth keeping the connection for
      connection: 'close',
    });
  };

  return {
    async admit(_req: IncomingMessage, res: ServerResponse) {
      if (limits.concurrency <= 0) return () => {};
      if (running < limits.concurrency) {
        running++;
      } else if (waiting.length < limits.queue) {
        let gone = false;
        const entered = await new Promise<boolean>((resolve) => {
          const turn = () => resolve(!gone);
          waiting.push(turn);
          // a client that leaves while waiting gives up its place in the queue
          res.once('close', () => {
            if (gone) return;
            const i = waiting.indexOf(turn);
            if (i >= 0) {
              waiting.splice(i, 1);
              gone = true;
              resolve(false);
            }
          });
        });
        if (!entered) return null;
        // the place was handed over by release(): running stays counted
      } else {
        refuse(res);
        return null;
      }
      let released = false;
      const place = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once('close', place);
      return place;
    },
    stats: () => ({ running, waiting: waiting.length, refused }),
  };
}
