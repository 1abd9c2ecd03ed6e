import { GraphQLError } from 'graphql';
import { errorMessage, type FieldRule } from '@thidua/domain';

/**
 * Error codes clients switch on (`extensions.code`); people read the message, in Vietnamese or, when
 * the caller prefers it, in English (packages/domain/src/errors/catalogue.ts holds both for every code).
 * Keep this list stable: the mobile app and provincial portals depend on it.
 */
export const ErrorCode = {
  /** not logged in, or the session expired */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** logged in, but the unit is outside the user's subtree or the role may not do this */
  FORBIDDEN: 'FORBIDDEN',
  /** the input is malformed or out of bounds; `extensions.fields` names the fields */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** the thing asked for does not exist (or is not visible to this user) */
  NOT_FOUND: 'NOT_FOUND',
  /** wrong username or password */
  INVALID_CREDENTIALS: 'auth/invalid-credentials',
  /** the movement's status does not allow this (e.g. opening a closed movement) */
  MOVEMENT_INVALID_TRANSITION: 'movement/invalid-transition',
  /** the movement is closed, or not yet open, for new activities */
  MOVEMENT_NOT_ACTIVE: 'movement/not-active',
  /** the movement closed: its final standings were frozen and published and never change (e.g. applying a rule version) */
  MOVEMENT_FINAL_FROZEN: 'movement/final-frozen',
  /** the same client id was sent before with a different payload */
  ACTIVITY_DUPLICATE_PAYLOAD: 'activity/duplicate-payload',
  /** the activity's status does not allow this (e.g. revoking a rejected activity) */
  ACTIVITY_INVALID_TRANSITION: 'activity/invalid-transition',
  /** the unit does not compete in this movement */
  ACTIVITY_UNIT_NOT_IN_MOVEMENT: 'activity/unit-not-in-movement',
  /** the recorder may not review their own activity */
  ACTIVITY_OWN_REVIEW: 'activity/own-review',
  /** the person has used all the attempts the quiz allows */
  QUIZ_ATTEMPT_LIMIT: 'quiz/attempt-limit',
  /** the attempt was already submitted (or closed at its time limit); it cannot change */
  QUIZ_ALREADY_SUBMITTED: 'quiz/already-submitted',
  /** the time limit (plus 30 s grace) ran out; the attempt was closed with the answers it had (none) */
  QUIZ_TIME_UP: 'quiz/time-up',
  /** the attempt belongs to someone else */
  QUIZ_NOT_YOUR_ATTEMPT: 'quiz/not-your-attempt',
  /** the question bank holds no question on the quiz's topics */
  QUIZ_NO_QUESTIONS: 'quiz/no-questions',
  CITIZEN_DUPLICATE_NATIONAL_ID: 'citizen/duplicate-national-id',
  /** the person's data was erased at their request: nothing is left to show or change */
  CITIZEN_ERASED: 'citizen/erased',
  /** no confirmation code like this one can be confirmed (unknown, mistyped, or its movement has closed: extensions.reason) */
  CONFIRMATION_INVALID_CODE: 'confirmation/invalid-code',
  /** the person helped already confirmed this activity; a code is used once */
  CONFIRMATION_ALREADY_CONFIRMED: 'confirmation/already-confirmed',
  /** the setup code is wrong, was already used, or was replaced by a newer one */
  AUTH_SETUP_CODE_INVALID: 'auth/setup-code-invalid',
  /** the setup code is past its expiry; ask for a new one */
  AUTH_SETUP_CODE_EXPIRED: 'auth/setup-code-expired',
  /** the new password is too short, too common, or built from the username */
  AUTH_WEAK_PASSWORD: 'auth/weak-password',
  /** the account was disabled */
  AUTH_ACCOUNT_DISABLED: 'auth/account-disabled',
  /** another account already has this username */
  ACCOUNT_USERNAME_TAKEN: 'account/username-taken',
  /** the unit was deactivated: it keeps its history and takes no new activities or accounts */
  UNIT_DEACTIVATED: 'unit/deactivated',
  BADGE_MANUAL_NOT_ALLOWED: 'badge/manual-not-allowed',
  BADGE_ALREADY_AWARDED: 'badge/already-awarded',
  BADGE_ALREADY_REVOKED: 'badge/already-revoked',
  /** the server has no VAPID keys: Web Push is off (the app works without it) */
  PUSH_NOT_CONFIGURED: 'push/not-configured',
  /** a passing fault (the database restarting, a connection dropped): retry after `Retry-After` seconds (HTTP 503) */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** too many requests (or sign-in tries): wait `extensions.retryAfter` seconds (HTTP 429 with Retry-After) */
  RATE_LIMITED: 'RATE_LIMITED',
  /** an internal failure; details are in the server log */
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  field: string;
  /** in Vietnamese, naming the field; an English caller gets it from `rule` (packages/domain/src/errors) */
  message: string;
  /** which check failed, when it is one of the catalogue's field rules, and its bounds */
  rule?: FieldRule;
  min?: number | string;
  max?: number | string;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode | string, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** The catalogue's Vietnamese message of a code (packages/domain/src/errors). */
export const viMessage = (code: ErrorCode, params: Record<string, unknown> = {}): string => errorMessage(code, 'vi', params) ?? code;

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED, viMessage(ErrorCode.UNAUTHENTICATED));
export const forbidden = (why = viMessage(ErrorCode.FORBIDDEN)) => new AppError(ErrorCode.FORBIDDEN, why);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `Không tìm thấy ${what}.`);
export const badInput = (fields: FieldProblem[] | string) =>
  typeof fields === 'string'
    ? new AppError(ErrorCode.BAD_USER_INPUT, fields)
    : new AppError(ErrorCode.BAD_USER_INPUT, fields.map((f) => f.message).join(' '), { fields });

/** The server is busy (too much queued): not a bug, retry after `retryAfter` seconds (HTTP 503). */
export const overloaded = (retryAfter = 1) =>
  new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'Hệ thống đang quá tải. Vui lòng thử lại sau ít giây.', { retryAfter });
