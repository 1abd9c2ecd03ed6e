export * from './enums';
export * from './units';
export * from './accounts';
export * from './movements';
export * from './activities';
export * from './citizens';
export * from './quizzes';
export * from './badges';
