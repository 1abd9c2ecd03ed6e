import type { Route } from '../../app';
import { answerFault } from '../../http/faults';
import { AppError, ErrorCode } from '../../errors';
import { QuestionBankService } from './question-bank.service';

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
    if (status === 500) console.error('[quizzes] export failed:', error);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ errors: [{ message: status === 500 ? 'Đã có lỗi hệ thống.' : (error as Error).message, extensions: { code } }] }));
  }
  return true;
};
