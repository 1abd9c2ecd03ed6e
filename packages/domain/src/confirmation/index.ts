export * from './codes';
export * from './metrics';
