export * from './fingerprint';
export * from './plausibility';
export * from './validation';
