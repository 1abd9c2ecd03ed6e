import type { TopicCode } from '@thidua/domain';

/**
 * The demo's core quiz ("Kiểm tra kỹ năng số cơ bản") of the national movement. Its questions are
 * drawn from the project's question bank (`modules/quizzes/question-bank.ts`, loaded by code),
 * which keeps the demo's first twelve questions under their codes (VNEID-01…03, DVC-01…03,
 * ATTT-01…04, TT-01…02).
 */
export const CORE_QUIZ = {
  code: 'CORE',
  title: 'Kiểm tra kỹ năng số cơ bản',
  topics: ['VNEID', 'PUBLIC_SERVICES', 'CYBER_SAFETY', 'CASHLESS'] as TopicCode[],
  questionCount: 10,
  passScore: 70,
};
