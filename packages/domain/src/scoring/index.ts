export * from './rules';
export * from './points';
export * from './score-activity';
