import { computed, nextTick, ref, type Ref } from 'vue';
import type { ImportFormat } from '@/gql/graphql';
import type { ApiProblem } from './errors';
import { readFileAsBase64, spreadsheetFormat } from './files';
import type { Outcome } from './outcome';

/** The largest spreadsheet the import pages send (the server refuses larger ones too). */
export const MAX_SPREADSHEET_BYTES = 2 * 1024 * 1024;

export interface ChosenSpreadsheet {
  name: string;
  base64: string;
  format: ImportFormat;
}

/** Every import report names the rows it refuses. */
interface ReportWithProblems {
  problems: readonly { row: number }[];
}

export interface SpreadsheetImportOptions<R extends ReportWithProblems> {
  /** Sends the file: a dry run (nothing written) or the import; `onlyValidRows` where the page offers it. */
  send: (file: ChosenSpreadsheet, dryRun: boolean, onlyValidRows: boolean) => Promise<Outcome<R>>;
  /** The page's own words for a file it cannot take (already translated). */
  refusal: (why: 'wrongType' | 'tooLarge' | 'readFailed') => string;
  /** `data-testid` of the report and of the outcome, brought into view when they appear (on a phone they are below the fold). */
  reportTestId: string;
  doneTestId: string;
  /** Whether the page has what the import needs besides the file (e.g. a residential group). */
  ready?: () => boolean;
}

/**
 * One spreadsheet import page's state, the same for accounts, units and citizens: choosing a file
 * checks its type and size and runs a dry run that lists every bad row; the import runs only when
 * asked, and one at a time.
 */
export function useSpreadsheetImport<R extends ReportWithProblems>(options: SpreadsheetImportOptions<R>) {
  const file = ref<ChosenSpreadsheet | null>(null);
  const fileError = ref<string | null>(null);
  const report = ref(null) as Ref<R | null>;
  const done = ref(null) as Ref<R | null>;
  const problem = ref<ApiProblem | null>(null);
  const busy = ref<'dry' | 'import' | null>(null);

  function clearOutcome(): void {
    report.value = null;
    done.value = null;
    problem.value = null;
    fileError.value = null;
  }

  function reset(): void {
    clearOutcome();
    file.value = null;
  }

  /** A file chosen in the page's FilePicker (null: the choice was cancelled). */
  async function onFile(chosen: File | null): Promise<void> {
    clearOutcome();
    file.value = null;
    if (!chosen) return;
    const format = spreadsheetFormat(chosen.name);
    if (!format) {
      fileError.value = options.refusal('wrongType');
      return;
    }
    if (chosen.size > MAX_SPREADSHEET_BYTES) {
      fileError.value = options.refusal('tooLarge');
      return;
    }
    try {
      file.value = { name: chosen.name, base64: await readFileAsBase64(chosen), format };
    } catch {
      fileError.value = options.refusal('readFailed');
      return;
    }
    await run(true);
  }

  async function run(dryRun: boolean, onlyValidRows = false): Promise<void> {
    if (!file.value || busy.value || (options.ready && !options.ready())) return;
    busy.value = dryRun ? 'dry' : 'import';
    problem.value = null;
    const outcome = await options.send(file.value, dryRun, onlyValidRows);
    busy.value = null;
    if (outcome.problem) {
      problem.value = outcome.problem;
      return;
    }
    if (dryRun) report.value = outcome.data;
    else {
      done.value = outcome.data;
      report.value = null;
      file.value = null;
    }
    await nextTick();
    document.querySelector(`[data-testid="${dryRun ? options.reportTestId : options.doneTestId}"]`)?.scrollIntoView({ block: 'start' });
  }

  /** How many rows the report refuses (a row may have several problems). */
  const badRows = computed(() => (report.value ? new Set(report.value.problems.map((p) => p.row)).size : 0));
  const clean = computed(() => report.value != null && report.value.problems.length === 0);

  return { file, fileError, report, done, problem, busy, badRows, clean, reset, onFile, run };
}
