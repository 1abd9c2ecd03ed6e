/**
 * What every error code the API answers (`extensions.code`) says to a person, in Vietnamese and
 * in English. The code is what clients switch on and never changes; the message is for people.
 * Services may word a Vietnamese message more precisely where they throw; an English caller gets
 * the message below. `{name}` is filled from the error's extensions (retryAfter, maxAttempts…).
 */

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export interface Wording {
  vi: string;
  en: string;
}

export const ERROR_MESSAGES = {
  UNAUTHENTICATED: { vi: 'Bạn cần đăng nhập để thực hiện thao tác này.', en: 'Please sign in to do this.' },
  FORBIDDEN: {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this, or it is outside the units you are responsible for.',
  },
  BAD_USER_INPUT: { vi: 'Dữ liệu nhập không hợp lệ.', en: 'Some of what was entered is not valid.' },
  NOT_FOUND: { vi: 'Không tìm thấy nội dung yêu cầu.', en: 'Not found, or you cannot see it.' },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  GRAPHQL_PARSE_FAILED: { vi: 'Truy vấn không hợp lệ.', en: 'The query could not be read.' },
  GRAPHQL_VALIDATION_FAILED: { vi: 'Truy vấn không hợp lệ, quá lớn hoặc quá phức tạp.', en: 'The query is not valid, too large or too complex.' },
  PERSISTED_QUERY_NOT_FOUND: { vi: 'Không tìm thấy truy vấn đã lưu; hãy gửi lại cả truy vấn.', en: 'The persisted query was not found; send the whole query.' },
  OPERATION_RESOLUTION_FAILURE: { vi: 'Không xác định được thao tác cần chạy (operationName).', en: 'Could not tell which operation to run (operationName).' },
  'push/not-configured': {
    vi: 'Máy chủ chưa bật thông báo đẩy (Web Push). Thông báo vẫn hiện trong ứng dụng.',
    en: 'This server has no Web Push set up. Notifications still appear in the app.',
  },
  'auth/invalid-credentials': { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'The username or password is not correct.' },
  'auth/setup-code-invalid': {
    vi: 'Mã kích hoạt không đúng, đã được dùng, hoặc đã được thay bằng mã mới.',
    en: 'The setup code is wrong, was already used, or was replaced by a newer one.',
  },
  'auth/setup-code-expired': { vi: 'Mã kích hoạt đã hết hạn. Hãy xin người quản lý cấp mã mới.', en: 'The setup code has expired. Ask your manager for a new one.' },
  'auth/weak-password': {
    vi: 'Mật khẩu mới quá ngắn, quá phổ biến hoặc giống tên đăng nhập.',
    en: 'The new password is too short, too common, or made from the username.',
  },
  'auth/account-disabled': {
    vi: 'Tài khoản này đã bị khoá. Hãy liên hệ lãnh đạo đơn vị hoặc quản trị viên.',
    en: 'This account has been disabled. Contact your unit leader or an administrator.',
  },
  'account/username-taken': { vi: 'Tên đăng nhập đã có người dùng.', en: 'Another account already has this username.' },
  'movement/invalid-transition': { vi: 'Trạng thái của phong trào không cho phép thao tác này.', en: "The movement's status does not allow this." },
  'movement/not-active': { vi: 'Phong trào chưa được phát động hoặc đã kết thúc.', en: 'The movement has not started yet or has already ended.' },
  'movement/final-frozen': {
    vi: 'Phong trào đã kết thúc, kết quả cuối cùng đã chốt và công bố: không thay đổi được nữa.',
    en: 'The movement has closed; its final standings were frozen and published and cannot change.',
  },
  'activity/duplicate-payload': {
    vi: 'Mã hoạt động này đã được dùng cho một nội dung khác; không có gì thay đổi.',
    en: 'This activity id was already used for different content; nothing was changed.',
  },
  'activity/invalid-transition': { vi: 'Trạng thái của hoạt động không cho phép thao tác này.', en: "The activity's status does not allow this." },
  'activity/unit-not-in-movement': { vi: 'Đơn vị không thuộc đối tượng thi đua của phong trào này.', en: 'This unit does not compete in this movement.' },
  'activity/own-review': { vi: 'Bạn không thể tự duyệt hoạt động do chính mình ghi nhận.', en: 'You cannot review an activity you recorded yourself.' },
  'quiz/attempt-limit': { vi: 'Bạn đã làm hết {maxAttempts} lượt của bài kiểm tra này.', en: 'You have used all {maxAttempts} attempts at this quiz.' },
  'quiz/already-submitted': { vi: 'Bài làm này đã được nộp; không thể thay đổi.', en: 'This attempt was already submitted; it cannot change.' },
  'quiz/time-up': {
    vi: 'Đã hết thời gian làm bài; bài làm đã được đóng và không nhận thêm câu trả lời.',
    en: 'Time is up: the attempt was closed and takes no more answers.',
  },
  'quiz/not-your-attempt': { vi: 'Đây không phải lượt làm bài của bạn.', en: 'This attempt is not yours.' },
  'quiz/no-questions': {
    vi: 'Ngân hàng câu hỏi chưa có câu hỏi nào cho các chủ đề của bài kiểm tra này.',
    en: "The question bank has no questions on this quiz's topics yet.",
  },
  'citizen/duplicate-national-id': { vi: 'Người dân có số CCCD này đã được đăng ký.', en: 'A citizen with this national ID number is already registered.' },
  'confirmation/invalid-code': {
    vi: 'Mã xác nhận không đúng hoặc không còn dùng được. Hãy kiểm tra lại từng ký tự; nếu cán bộ vừa ghi nhận khi không có mạng, mã sẽ dùng được sau khi máy của cán bộ gửi dữ liệu lên.',
    en: 'This confirmation code is wrong or can no longer be used. Check each character; if the officer recorded it without a connection, the code works once their phone has sent it.',
  },
  'confirmation/already-confirmed': {
    vi: 'Hoạt động này đã được xác nhận rồi. Mỗi mã chỉ dùng được một lần. Cảm ơn bạn!',
    en: 'This has already been confirmed. Each code can be used once. Thank you!',
  },
  'citizen/erased': { vi: 'Dữ liệu cá nhân của người này đã được xoá.', en: "This person's personal data has been erased." },
  'unit/deactivated': { vi: 'Đơn vị này đã ngừng hoạt động.', en: 'This unit has been deactivated: it takes no new activities, accounts or changes.' },
  'badge/manual-not-allowed': { vi: 'Huy hiệu này chỉ được trao tự động theo tiêu chí.', en: 'This badge is only awarded automatically, by its criteria.' },
  'badge/already-awarded': { vi: 'Người nhận đã có huy hiệu này.', en: 'The recipient already holds this badge.' },
  'badge/already-revoked': { vi: 'Huy hiệu này đã bị thu hồi.', en: 'This badge was already revoked.' },
  SERVICE_UNAVAILABLE: {
    vi: 'Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau ít giây.',
    en: 'The service is briefly unavailable. Please try again in a few seconds.',
  },
  RATE_LIMITED: {
    vi: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau {retryAfter} giây.',
    en: 'Too many requests. Please try again in {retryAfter} seconds.',
  },
  INTERNAL_SERVER_ERROR: { vi: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.', en: 'Something went wrong on our side. Please try again later.' },
} as const satisfies Record<string, Wording>;

export type CatalogueCode = keyof typeof ERROR_MESSAGES;

/**
 * What is wrong with one input field (`extensions.fields[].rule`), for the checks every input
 * passes (the API's input guard). The sentence follows the field's name: "note: quá dài…".
 */
export const FIELD_RULE_MESSAGES = {
  tooLong: { vi: 'quá dài (tối đa {max} ký tự).', en: 'is too long (at most {max} characters).' },
  tooMany: { vi: 'quá nhiều mục (tối đa {max}).', en: 'has too many items (at most {max}).' },
  outOfRange: { vi: 'phải trong khoảng {min} đến {max}.', en: 'must be between {min} and {max}.' },
  controlCharacters: { vi: 'có ký tự điều khiển không hợp lệ.', en: 'contains control characters that are not allowed.' },
  badUnicode: { vi: 'có ký tự Unicode không hợp lệ.', en: 'contains invalid Unicode characters.' },
  notDate: { vi: 'không phải ngày hợp lệ.', en: 'is not a valid date.' },
  dateRange: { vi: 'phải trong khoảng {min} đến {max}.', en: 'must be between {min} and {max}.' },
  tooDeep: { vi: 'lồng quá sâu (tối đa {max} cấp).', en: 'is nested too deeply (at most {max} levels).' },
  notJson: { vi: 'không phải JSON hợp lệ.', en: 'is not valid JSON.' },
  required: { vi: 'cần được nhập.', en: 'is required.' },
  lengthBetween: { vi: 'phải có từ {min} đến {max} ký tự.', en: 'must have {min} to {max} characters.' },
  invalid: { vi: 'không hợp lệ.', en: 'is not valid.' },
} as const satisfies Record<string, Wording>;

export type FieldRule = keyof typeof FIELD_RULE_MESSAGES;

export type MessageParams = Record<string, unknown>;

/** 2000 → "2.000" (vi) or "2,000" (en); other values as they are. */
function formatParam(value: unknown, language: Language): string {
  if (typeof value === 'number' && Number.isSafeInteger(value))
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'vi' ? '.' : ',');
  return value == null ? '' : String(value);
}

function fill(template: string, params: MessageParams, language: Language): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? formatParam(params[name], language) : whole));
}

export function isCatalogueCode(code: unknown): code is CatalogueCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

/** The message of a code in a language, or null for a code the catalogue does not know. */
export function errorMessage(code: string, language: Language, params: MessageParams = {}): string | null {
  if (!isCatalogueCode(code)) return null;
  return fill(ERROR_MESSAGES[code][language], params, language);
}

/** "reason: quá dài (tối đa 2.000 ký tự)." / "reason: is too long (at most 2,000 characters)." */
export function fieldRuleMessage(field: string, rule: FieldRule, language: Language, params: MessageParams = {}): string {
  return `${field}: ${fill(FIELD_RULE_MESSAGES[rule][language], params, language)}`;
}

export function isFieldRule(rule: unknown): rule is FieldRule {
  return typeof rule === 'string' && Object.prototype.hasOwnProperty.call(FIELD_RULE_MESSAGES, rule);
}

/**
 * The language to answer in, from an `Accept-Language` header (or a bare tag such as "en"):
 * the supported language the caller prefers most (by q-value, then order); Vietnamese when the
 * caller names neither.
 */
export function pickLanguage(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  let best: { language: Language; q: number } | null = null;
  for (const part of acceptLanguage.slice(0, 500).split(',')) {
    const [tag = '', ...rest] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'vi' && primary !== 'en') continue;
    const qParam = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language: primary, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}
