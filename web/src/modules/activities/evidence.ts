/** Photos and attachments of an activity: POST /api/evidence with the raw file, then its id in evidenceIds. */
import { isRetryableOutcome } from '@thidua/domain';
import { languageHeaders } from '@/app/i18n';

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/** Phone photos above this are scaled down before upload (and before they are kept offline). */
const SHRINK_ABOVE_BYTES = 1.5 * 1024 * 1024;
const MAX_IMAGE_SIDE = 1600;
const JPEG_QUALITY = 0.82;

export interface PreparedFile {
  blob: Blob;
  name: string;
  type: string;
}

/** Why a file cannot be sent: `NETWORK` (retry later), `TYPE`, `SIZE`, or the server's code. */
export class EvidenceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isAccepted(type: string): boolean {
  return (EVIDENCE_TYPES as readonly string[]).includes(type);
}

async function shrinkImage(file: Blob): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  } catch {
    return null; // a format the browser cannot decode (e.g. HEIC outside Safari)
  }
}

/** Scales large or unusual photos down to a JPEG; refuses what the server would refuse. */
export async function prepareEvidence(file: File): Promise<PreparedFile> {
  const name = file.name || 'minh-chung';
  if (file.type.startsWith('image/') && (!isAccepted(file.type) || file.size > SHRINK_ABOVE_BYTES)) {
    const shrunk = await shrinkImage(file);
    if (shrunk && shrunk.size < file.size) {
      return { blob: shrunk, name: name.replace(/\.[a-z0-9]+$/i, '') + '.jpg', type: 'image/jpeg' };
    }
  }
  if (!isAccepted(file.type)) throw new EvidenceError('TYPE', 'type');
  if (file.size > MAX_EVIDENCE_BYTES) throw new EvidenceError('SIZE', 'size');
  return { blob: file, name, type: file.type };
}

/** Uploads one file; resolves to the evidence id. */
export async function uploadEvidence(file: PreparedFile): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/api/evidence', {
      method: 'POST',
      credentials: 'include',
      headers: { ...languageHeaders(), 'Content-Type': file.type, 'X-Filename': encodeURIComponent(file.name) },
      body: file.blob,
    });
  } catch {
    throw new EvidenceError('NETWORK', 'network');
  }
  let body: { id?: string; errors?: { message?: string; extensions?: { code?: string } }[] } | null = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok && body?.id) return body.id;
  const error = body?.errors?.[0];
  // A passing fault of the server (503) or too many requests (429): keep the photo and retry later.
  if (isRetryableOutcome({ status: response.status, code: error?.extensions?.code ?? null })) throw new EvidenceError('NETWORK', 'retry later');
  // No JSON answer at all (a proxy, a gateway timeout): treat it like a lost connection.
  if (!error) throw new EvidenceError(response.status >= 500 || !body ? 'NETWORK' : 'UNKNOWN', 'upload failed');
  throw new EvidenceError(error.extensions?.code ?? 'UNKNOWN', error.message ?? 'upload failed');
}

/** A file attached to the form: prepared, previewed, and uploaded at most once. */
export interface Attachment {
  key: string;
  file: PreparedFile;
  /** object URL of an image preview (revoke when removed) */
  previewUrl: string | null;
  uploadedId: string | null;
}
