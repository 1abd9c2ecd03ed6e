import type { Route } from '../../app';
import { answerFault } from '../../http/faults';
import { sendErrors } from '../../http/error-language';
import { AppError, ErrorCode } from '../../errors';
import { QuestionBankService } from './question-bank.service';
import { log } from '../../logger';

const STATUS: Record<string, number> = { [ErrorCode.UNAUTHENTICATED]: 401, [ErrorCode.FORBIDDEN]: 403 };

/**
 * GET /api/quizzes/questions.csv — the whole question bank with its answers, for ADMIN and
 * ORGANIZER (the format `importQuestions` reads back). Never cached.
 */
export const questionsCsvRoute: Route = async (req, res, app) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname !== '/api/quizzes/questions.csv' || req.method !== 'GET') return false;
  const ctx = await app.contextFor(req, res);
  try {
    const csv = await new QuestionBankService(ctx).exportCsv();
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="ngan-hang-cau-hoi.csv"',
      'cache-control': 'no-store',
    });
    res.end(csv);
  } catch (error) {
    if (answerFault(res, error)) return true;
    const code = error instanceof AppError ? String(error.extensions.code) : ErrorCode.INTERNAL;
    const status = STATUS[code] ?? 500;
    if (status === 500) log(req).error({ err: error }, 'question bank export failed');
    // in the caller's language; an internal failure says nothing of its cause
    sendErrors(res, status, [status === 500 ? { code: ErrorCode.INTERNAL } : { code, message: (error as Error).message, extensions: { ...(error as AppError).extensions } }]);
  }
  return true;
};
