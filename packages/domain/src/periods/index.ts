export * from './iso-date';
export * from './periods';
