import type { RouteRecordRaw } from 'vue-router';

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
];
