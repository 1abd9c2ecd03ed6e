import { useI18n } from 'vue-i18n';
import type { ApiProblem } from './errors';

/** Codes that are the app's own (no server answer): a person gets no "Mã lỗi" line for them. */
const LOCAL_CODES = new Set(['NETWORK', 'UNKNOWN']);

/**
 * How an error is told to a person: a sentence in plain words (the server's message, which comes
 * in the UI's language, or the app's own wording), and apart from it the code, for support only.
 */
export function useProblemText() {
  const { t, te } = useI18n();
  return {
    /** the sentence: never the code */
    sentence(problem: Pick<ApiProblem, 'code' | 'message'>): string {
      if (problem.message) return problem.message;
      const key = `errors.${problem.code}`;
      return te(key) ? t(key) : t('errors.UNKNOWN');
    },
    /** "Mã lỗi: activity/own-review", or null when there is no server code to quote */
    codeLine(code: string | null | undefined): string | null {
      return code && !LOCAL_CODES.has(code) ? t('errors.code', { code }) : null;
    },
  };
}
