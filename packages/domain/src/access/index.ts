export * from './scope';
export * from './self-award';
