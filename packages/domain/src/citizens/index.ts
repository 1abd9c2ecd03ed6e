export * from './cccd';
export * from './initials';
