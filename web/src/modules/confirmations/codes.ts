import { urqlClient } from '@/app/urql';
import { ReserveConfirmationCodesDocument } from '@/gql/graphql';

/**
 * Confirmation codes kept on the officer's phone (reserved on the server ahead of use), so that
 * an assist recorded without a connection shows the person helped its QR code at once. The code
 * travels with the recording (`confirmationCode`); the server keeps it when it is this account's
 * unused code. Codes handed out here are remembered until the server has consumed them, so a
 * top-up never hands the same code out twice.
 */

const KEEP = 20;
const TOP_UP_BELOW = 8;
const MAX_GIVEN = 200;
const storageKey = (userId: string) => `thidua.confirmationCodes.${userId}`;

interface Kept {
  free: string[];
  /** handed to recordings, possibly not yet synced */
  given: string[];
}

function read(userId: string): Kept {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const parsed = raw ? (JSON.parse(raw) as Partial<Kept>) : {};
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string' && c.length <= 16) : []);
    return { free: strings(parsed.free).slice(0, 50), given: strings(parsed.given).slice(-MAX_GIVEN) };
  } catch {
    return { free: [], given: [] };
  }
}

function write(userId: string, kept: Kept): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify({ free: kept.free, given: kept.given.slice(-MAX_GIVEN) }));
  } catch {
    // storage full or blocked: the server gives a fresh code on sync
  }
}

/** A code for the next recording, or null when none is kept (the server then assigns one). */
export function takeConfirmationCode(userId: string): string | null {
  const kept = read(userId);
  if (!kept.free.length) return null;
  // a random one: two phones of one account that reserved the same codes rarely pick the same
  const [code] = kept.free.splice(Math.floor(Math.random() * kept.free.length), 1);
  kept.given.push(code!);
  write(userId, kept);
  void topUpConfirmationCodes(userId);
  return code!;
}

let running: Promise<void> | null = null;

/** Fetches codes while online when few are left (quietly: without them the server assigns codes). */
export function topUpConfirmationCodes(userId: string, force = false): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return Promise.resolve();
  if (!force && read(userId).free.length >= TOP_UP_BELOW) return Promise.resolve();
  running ??= (async () => {
    try {
      const result = await urqlClient.mutation(ReserveConfirmationCodesDocument, { count: KEEP }).toPromise();
      const codes = result.data?.reserveConfirmationCodes;
      if (!codes) return;
      const kept = read(userId);
      const given = new Set(kept.given);
      kept.free = codes.filter((c) => !given.has(c));
      write(userId, kept);
    } catch {
      // offline or refused: try again on the next recording
    } finally {
      running = null;
    }
  })();
  return running;
}

/** The public page of a code on this site (what the QR code holds when the device made it offline). */
export function confirmationLink(code: string): string {
  return `${window.location.origin}/xac-nhan/${code}`;
}
