import { useI18n } from 'vue-i18n';

/**
 * Vietnamese (or English) names of the codes activities carry. A movement may add its own service
 * codes to its rules: those, and any flag the UI does not know yet, are shown as the code itself.
 */
export function useActivityLabels() {
  const { t, te } = useI18n();

  const known = (group: string, code: string, fallback?: () => string) => {
    const key = `activities.${group}.${code}`;
    return te(key) ? t(key) : fallback ? fallback() : code;
  };

  return {
    topic: (code: string) => known('topic', code),
    service: (code: string) => known('service', code),
    priority: (code: string) => known('priority', code),
    flag: (code: string) => known('flag', code, () => t('activities.flag.other', { code })),
    kind: (code: string) => known('kind', code),
    status: (code: string) => known('status', code),
  };
}
