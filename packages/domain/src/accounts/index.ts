export * from './roles';
export * from './setup-code';
export * from './password-rules';
