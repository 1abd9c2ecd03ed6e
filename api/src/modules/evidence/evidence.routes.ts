import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eq } from 'drizzle-orm';
import { imageSize } from 'image-size';
import { activities, evidenceFiles } from '@thidua/db';
import type { Route } from '../../app';
import { isInScope } from '../auth/scope';
import { RECORDERS } from '../activities/recording.service';
import { sendErrors } from '../../http/error-language';
import { DatabaseStorage, DiskStorage, type EvidenceStorage } from './storage';

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/**
 * The largest photo accepted, by its header: a few kilobytes can claim 50,000 × 50,000 pixels
 * (a decompression bomb for whoever decodes it). Phone cameras stay well below.
 */
export const MAX_IMAGE_SIDE = 12_000;
export const MAX_IMAGE_PIXELS = 50_000_000;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
/** What evidence responses may do once opened: nothing (no scripts, no plugins, no same origin). */
export const EVIDENCE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** The dimensions in an image's header, or null when the header cannot be read. */
function imageDimensions(data: Uint8Array): { width: number; height: number }[] | null {
  try {
    const size = imageSize(data);
    const all = [size, ...(size.images ?? [])];
    return all.every((s) => Number.isFinite(s.width) && Number.isFinite(s.height)) ? all.map((s) => ({ width: s.width!, height: s.height! })) : null;
  } catch {
    return null;
  }
}

/** Checks the first bytes, so a file cannot claim to be a photo it is not. */
function sniff(data: Uint8Array): string | null {
  const b = data;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'image/webp';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'application/pdf';
  return null;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** An error answer, in the caller's language (Accept-Language). */
function fail(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  sendErrors(res, status, [{ code, message }], headers);
}

/**
 * A file over the limit is not read to its end: the rest of the body is left on the connection,
 * so the connection cannot carry another request and the answer says it closes.
 */
function tooLarge(res: ServerResponse) {
  fail(res, 413, 'BAD_USER_INPUT', `Tệp quá lớn (tối đa ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB).`, { connection: 'close' });
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** one storage per running app (a process may run several, e.g. in tests) */
const storages = new WeakMap<object, EvidenceStorage>();

/**
 * POST /api/evidence — the raw file as the body, its type in Content-Type and its name in
 * X-Filename (URL-encoded); answers { id } to pass in an activity's evidenceIds.
 * GET /api/evidence/:id — the file, for users whose scope holds the activity (or the uploader).
 */
export const evidenceRoute: Route = async (req, res, app) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!url.pathname.startsWith('/api/evidence')) return false;
  let storage = storages.get(app.database);
  if (!storage) storages.set(app.database, (storage = app.config.evidenceDir ? new DiskStorage(app.config.evidenceDir) : new DatabaseStorage(app.database.db)));
  const ctx = await app.contextFor(req, res);
  if (!ctx.user) return fail(res, 401, 'UNAUTHENTICATED', 'Bạn cần đăng nhập.'), true;
  if (req.method === 'POST' && url.pathname === '/api/evidence') {
    if (!(RECORDERS as readonly string[]).includes(ctx.user.role)) return fail(res, 403, 'FORBIDDEN', 'Bạn không có quyền tải minh chứng.'), true;
    const declared = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (!(EVIDENCE_TYPES as readonly string[]).includes(declared))
      return fail(res, 415, 'BAD_USER_INPUT', 'Chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF.'), true;
    // a declared length over the limit is refused before a byte of the body is read
    if (Number(req.headers['content-length'] ?? 0) > MAX_EVIDENCE_BYTES) return tooLarge(res), true;
    const data = await readLimited(req, MAX_EVIDENCE_BYTES);
    if (!data) return tooLarge(res), true;
    if (!data.length || sniff(data) !== declared) return fail(res, 415, 'BAD_USER_INPUT', 'Nội dung tệp không khớp với loại tệp đã khai.'), true;
    if (IMAGE_TYPES.has(declared)) {
      const dimensions = imageDimensions(data);
      if (!dimensions) return fail(res, 415, 'BAD_USER_INPUT', 'Không đọc được ảnh: tệp bị hỏng hoặc không phải ảnh.'), true;
      if (dimensions.some((d) => d.width > MAX_IMAGE_SIDE || d.height > MAX_IMAGE_SIDE || d.width * d.height > MAX_IMAGE_PIXELS))
        return fail(res, 400, 'BAD_USER_INPUT', `Ảnh quá lớn (tối đa ${MAX_IMAGE_SIDE.toLocaleString('vi-VN')} điểm ảnh mỗi cạnh, ${MAX_IMAGE_PIXELS / 1_000_000} triệu điểm ảnh).`), true;
    }
    const filename = decodeURIComponent(String(req.headers['x-filename'] ?? 'minh-chung')).replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'minh-chung';
    const id = randomUUID();
    const sha256 = createHash('sha256').update(data).digest('hex');
    const key = `${sha256.slice(0, 16)}-${id}`;
    await app.database.db.transaction(async (tx) => {
      await storage.put(tx, key, data);
      await tx.insert(evidenceFiles).values({ id, storageKey: key, filename, contentType: declared, size: data.length, sha256, uploadedBy: ctx.user!.id });
    });
    return json(res, 201, { id, filename, size: data.length, contentType: declared }), true;
  }
  const match = /^\/api\/evidence\/([0-9a-f-]{36})$/i.exec(url.pathname);
  if (req.method === 'GET' && match) {
    const [file] = await app.database.db.select().from(evidenceFiles).where(eq(evidenceFiles.id, match[1]));
    if (!file) return fail(res, 404, 'NOT_FOUND', 'Không tìm thấy tệp.'), true;
    let allowed = file.uploadedBy === ctx.user.id;
    if (!allowed && file.activityId) {
      const [activity] = await app.database.db.select({ unitId: activities.unitId }).from(activities).where(eq(activities.id, file.activityId));
      const unit = activity ? await ctx.loaders.unitById.load(activity.unitId) : null;
      allowed = !!unit && isInScope(ctx.user, unit);
    }
    if (!allowed) return fail(res, 403, 'FORBIDDEN', 'Bạn không có quyền xem tệp này.'), true;
    const data = await storage.get(file.storageKey);
    if (!data) return fail(res, 404, 'NOT_FOUND', 'Không tìm thấy nội dung tệp.'), true;
    // shown in the page only when the bytes themselves are an image; anything else (a PDF may
    // carry scripts) is downloaded, whatever type was claimed at upload
    const sniffed = sniff(data);
    const image = sniffed !== null && IMAGE_TYPES.has(sniffed);
    res.writeHead(200, {
      'content-type': image ? sniffed : sniffed === 'application/pdf' ? sniffed : 'application/octet-stream',
      'content-length': String(data.length),
      'content-disposition': `${image ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'content-security-policy': EVIDENCE_CSP,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    res.end(data);
    return true;
  }
  return fail(res, 404, 'NOT_FOUND', 'Không tìm thấy.'), true;
};
