/**
 * Confirmation codes: what the officer shows the person helped (as a QR code and as text), so that
 * person can say, without an account, that the help happened and how it was.
 *
 * A code is 8 characters of Crockford's base-32 alphabet (digits and capitals without I, L, O, U):
 * 40 random bits, short enough to read out or type. Typing is forgiving: case, spaces and dashes
 * are ignored, O is read as 0 and I or L as 1, so nothing the person might confuse matters.
 */
export const CONFIRMATION_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CONFIRMATION_CODE_LENGTH = 8;
/** Bits of randomness in a code (8 × 5). */
export const CONFIRMATION_CODE_BITS = CONFIRMATION_CODE_LENGTH * 5;
/** The longest text accepted where a code is typed (spaces and dashes included). */
export const CONFIRMATION_CODE_INPUT_MAX = 32;

/** A code from 5 random bytes (40 bits), e.g. from crypto.getRandomValues or randomBytes(5). */
export function confirmationCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 5) throw new Error('a confirmation code needs 5 random bytes');
  let value = 0n;
  for (let i = 0; i < 5; i++) value = (value << 8n) | BigInt(bytes[i]!);
  let code = '';
  for (let i = CONFIRMATION_CODE_LENGTH - 1; i >= 0; i--) code += CONFIRMATION_CODE_ALPHABET[Number((value >> BigInt(i * 5)) & 31n)];
  return code;
}

/**
 * The code a person typed or scanned, in its stored form, or null when it cannot be one. Accepts
 * the whole confirmation link too (…/xac-nhan/ABCD-EFGH).
 */
export function normalizeConfirmationCode(input: string | null | undefined): string | null {
  if (typeof input !== 'string' || input.length > 200) return null;
  let text = input.trim();
  const slash = text.lastIndexOf('/');
  if (slash !== -1) text = text.slice(slash + 1);
  if (text.length > CONFIRMATION_CODE_INPUT_MAX) return null;
  const code = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== CONFIRMATION_CODE_LENGTH) return null;
  for (const ch of code) if (!CONFIRMATION_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** How a code is shown: two groups of four, ABCD-EFGH. */
export function formatConfirmationCode(code: string): string {
  return code.length === CONFIRMATION_CODE_LENGTH ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** The public page a person opens, on any phone and without an account. */
export function confirmationPath(code: string): string {
  return `/xac-nhan/${formatConfirmationCode(code)}`;
}

export const MIN_RATING = 1;
export const MAX_RATING = 5;
/** The longest comment a person may leave with a rating. */
export const CONFIRMATION_COMMENT_MAX = 500;

export function isValidRating(rating: unknown): rating is number {
  return typeof rating === 'number' && Number.isInteger(rating) && rating >= MIN_RATING && rating <= MAX_RATING;
}

/** Unused codes an account may hold at once (reserved for recording offline). */
export const MAX_RESERVED_CODES_PER_USER = 50;

/** The services in words, as the person helped reads them on the confirmation page. */
export const SERVICE_NAMES_VI: Record<string, string> = {
  VNEID_L2: 'Kích hoạt tài khoản định danh điện tử VNeID mức 2',
  PUBLIC_SERVICE_ONLINE: 'Nộp hồ sơ dịch vụ công trực tuyến',
  RESIDENCE_DECLARATION: 'Khai báo tạm trú, lưu trú',
  CASHLESS_PAYMENT: 'Thanh toán không dùng tiền mặt',
  E_HEALTH: 'Đặt lịch khám, sổ sức khỏe điện tử',
  SAFE_SOCIAL_MEDIA: 'Dùng mạng xã hội an toàn',
  SCAM_AWARENESS: 'Nhận diện lừa đảo trực tuyến',
  AI_TOOLS: 'Sử dụng công cụ trí tuệ nhân tạo (AI)',
};

/** What was done, in words: the service helped with, or a class. A movement's own service codes show as they are. */
export function describeHelp(kind: string, service: string | null): string {
  if (kind === 'CLASS') return 'Lớp học "Bình dân học vụ số"';
  return (service && SERVICE_NAMES_VI[service]) || service || 'Hỗ trợ kỹ năng số';
}
