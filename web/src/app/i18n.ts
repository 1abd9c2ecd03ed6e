import { createI18n } from 'vue-i18n';
import * as accountMessages from '@/modules/accounts/messages';
import * as activityMessages from '@/modules/activities/messages';
import * as authMessages from '@/modules/auth/messages';
import * as auditMessages from '@/modules/audit/messages';
import * as badgeMessages from '@/modules/badges/messages';
import * as citizenMessages from '@/modules/citizens/messages';
import * as homeMessages from '@/modules/home/messages';
import * as leaderboardMessages from '@/modules/leaderboards/messages';
import * as movementMessages from '@/modules/movements/messages';
import * as quizMessages from '@/modules/quizzes/messages';
import * as unitAdminMessages from '@/modules/unit-admin/messages';
import * as unitMessages from '@/modules/units/messages';
import * as notificationMessages from '@/modules/notifications/messages';
import * as personalDataMessages from '@/modules/personal-data/messages';
import * as confirmationMessages from '@/modules/confirmations/messages';
import * as appMessages from './messages';

export const SUPPORTED_LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

const STORAGE_KEY = 'thidua.locale';

const vi = {
  ...appMessages.vi,
  ...authMessages.vi,
  ...movementMessages.vi,
  ...unitMessages.vi,
  ...activityMessages.vi,
  ...leaderboardMessages.vi,
  ...homeMessages.vi,
  ...quizMessages.vi,
  ...badgeMessages.vi,
  ...citizenMessages.vi,
  ...accountMessages.vi,
  ...auditMessages.vi,
  ...unitAdminMessages.vi,
  ...notificationMessages.vi,
  ...personalDataMessages.vi,
  ...confirmationMessages.vi,
};
export type MessageSchema = typeof vi;
const en: MessageSchema = {
  ...appMessages.en,
  ...authMessages.en,
  ...movementMessages.en,
  ...unitMessages.en,
  ...activityMessages.en,
  ...leaderboardMessages.en,
  ...homeMessages.en,
  ...quizMessages.en,
  ...badgeMessages.en,
  ...citizenMessages.en,
  ...accountMessages.en,
  ...auditMessages.en,
  ...unitAdminMessages.en,
  ...notificationMessages.en,
  ...personalDataMessages.en,
  ...confirmationMessages.en,
};

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'vi') return stored;
  } catch {
    // storage unavailable (private mode): Vietnamese
  }
  return 'vi';
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'vi',
  messages: { vi, en },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

/** Headers that ask the API to answer (error messages) in the UI's language. */
export function languageHeaders(): Record<string, string> {
  return { 'Accept-Language': currentLocale() };
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not persisted; fine
  }
}

document.documentElement.lang = i18n.global.locale.value;
