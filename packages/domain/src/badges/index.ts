export * from './criteria';
export * from './starting-badges';
