export * from './criteria';
export * from './starting-badges';
export * from './facts';
export * from './movement-badges';
