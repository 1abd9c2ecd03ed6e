export * from './ranking';
export * from './board-pages';
