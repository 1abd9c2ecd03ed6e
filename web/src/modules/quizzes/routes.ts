import type { RouteRecordRaw } from 'vue-router';

/** Who may read the bank with its answers and import questions (BANK_EDITORS on the API). */
const BANK_EDITORS = ['ORGANIZER', 'ADMIN'] as const;

export const quizRoutes: RouteRecordRaw[] = [
  // Anyone signed in may take a quiz; the menu offers it to citizens, whose portal starts here.
  {
    path: '/bai-kiem-tra',
    name: 'quizzes',
    component: () => import('./QuizListPage.vue'),
    meta: { titleKey: 'quizzes.list.title', nav: { labelKey: 'quizzes.nav', order: 6, roles: ['CITIZEN'] }, requiresAuth: true },
  },
  {
    path: '/bai-kiem-tra/ket-qua/:attemptId',
    name: 'quiz-result',
    component: () => import('./QuizResultPage.vue'),
    props: true,
    meta: { titleKey: 'quizzes.result.title', requiresAuth: true },
  },
  {
    path: '/bai-kiem-tra/:quizId',
    name: 'quiz-take',
    component: () => import('./QuizTakePage.vue'),
    props: true,
    meta: { titleKey: 'quizzes.list.title', requiresAuth: true },
  },
  {
    path: '/ngan-hang-cau-hoi',
    name: 'question-bank',
    component: () => import('./QuestionBankPage.vue'),
    meta: {
      titleKey: 'quizzes.bank.title',
      nav: { labelKey: 'quizzes.bank.nav', order: 45 },
      requiresAuth: true,
      roles: BANK_EDITORS,
    },
  },
];
