import { HeaderMap } from '@apollo/server';
import { AppError, ErrorCode, viMessage } from '../errors';

export const RATE_LIMITED_STATUS = 429;

/**
 * "Too many requests, wait `seconds`": the GraphQL error `RATE_LIMITED` with `extensions.retryAfter`;
 * over HTTP, Apollo turns its `http` extension into status 429 and a Retry-After header.
 */
export function rateLimited(seconds: number, message = viMessage(ErrorCode.RATE_LIMITED, { retryAfter: seconds })): AppError {
  return new AppError(ErrorCode.RATE_LIMITED, message, {
    retryAfter: seconds,
    http: { status: RATE_LIMITED_STATUS, headers: new HeaderMap([['retry-after', String(seconds)]]) },
  });
}
