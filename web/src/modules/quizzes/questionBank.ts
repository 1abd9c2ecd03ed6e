import { saveFile } from '@/app/files';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { languageHeaders } from '@/app/i18n';
import { urqlClient } from '@/app/urql';
import { ImportQuestionsDocument, type ImportQuestionsMutation } from '@/gql/graphql';
import { TOPIC_CODES } from '@thidua/domain';

/**
 * The question bank's CSV, as `importQuestions` reads it and GET /api/quizzes/questions.csv writes
 * it (api/src/modules/quizzes/question-csv.ts): one question a row, `correct` lists the numbers of
 * the right options ("2" or "1;3"); "," or ";" separates the cells.
 */
export const QUESTION_COLUMNS = [
  { name: 'code', key: 'code', required: true },
  { name: 'topic', key: 'topic', required: true },
  { name: 'multiple_choice', key: 'multipleChoice', required: true },
  { name: 'question', key: 'question', required: true },
  { name: 'option_1 … option_6', key: 'options', required: true },
  { name: 'correct', key: 'correct', required: true },
  { name: 'explanation', key: 'explanation', required: true },
] as const;

/** The topics the server accepts. */
export const QUESTION_TOPICS = TOPIC_CODES;

/** The body limit of the API is 3 MB; the CSV travels inside a JSON request. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

export const EXPORT_URL = '/api/quizzes/questions.csv';

const HEADER = ['code', 'topic', 'multiple_choice', 'question', 'option_1', 'option_2', 'option_3', 'option_4', 'option_5', 'option_6', 'correct', 'explanation'];

/** Invented examples, one single-choice and one multiple-choice question, to be replaced. */
const EXAMPLE_ROWS = [
  [
    'VIDU-01',
    'CYBER_SAFETY',
    '0',
    'Có người gọi điện xưng là công an và đề nghị bạn đọc mã OTP. Bạn nên làm gì?',
    'Không đọc mã, cúp máy và báo cho công an xã/phường',
    'Đọc mã cho người gọi',
    'Gửi mã qua Zalo cho người gọi',
    '',
    '',
    '',
    '1',
    'Cơ quan nhà nước không bao giờ hỏi mã OTP qua điện thoại.',
  ],
  [
    'VIDU-02',
    'CASHLESS',
    '1',
    'Những cách nào giúp thanh toán bằng điện thoại an toàn hơn? (Chọn tất cả đáp án đúng)',
    'Đặt mật khẩu hoặc vân tay cho ứng dụng ngân hàng',
    'Kiểm tra tên người nhận trước khi chuyển tiền',
    'Cho người lạ mượn điện thoại đã mở ứng dụng ngân hàng',
    '',
    '',
    '',
    '1;2',
    'Khóa ứng dụng và kiểm tra người nhận giúp tránh mất tiền.',
  ],
];

function csvCell(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The template: the header and the example rows, UTF-8 with a BOM so Excel shows the diacritics. */
export function templateCsv(): string {
  return `\uFEFF${[HEADER, ...EXAMPLE_ROWS].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Downloads the current bank (answers included). Fetched rather than linked so that a refusal
 * (signed out, wrong role) shows as a message instead of saving the error as a .csv file.
 */
export async function downloadBank(): Promise<ApiProblem | null> {
  let response: Response;
  try {
    response = await fetch(EXPORT_URL, { credentials: 'include', cache: 'no-store', headers: languageHeaders() });
  } catch (error) {
    return toApiProblem(error);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: { message?: string; extensions?: { code?: string } }[] } | null;
    const first = body?.errors?.[0];
    return { code: first?.extensions?.code ?? 'UNKNOWN', message: first?.message ?? null };
  }
  saveFile(await response.blob(), 'ngan-hang-cau-hoi.csv');
  return null;
}

export type QuestionImportResult = ImportQuestionsMutation['importQuestions'];

/** Reads a chosen file as UTF-8 text; null when it is not UTF-8 (Excel's plain "CSV" on Windows). */
export async function readCsvFile(file: File): Promise<string | null> {
  const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
  return text.includes('\uFFFD') ? null : text;
}

export async function importQuestions(csv: string, dryRun: boolean): Promise<{ data: QuestionImportResult; problem: null } | { data: null; problem: ApiProblem }> {
  const result = await urqlClient.mutation(ImportQuestionsDocument, { csv, dryRun }, { additionalTypenames: ['Quiz'] }).toPromise();
  if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
  return { data: result.data.importQuestions, problem: null };
}
