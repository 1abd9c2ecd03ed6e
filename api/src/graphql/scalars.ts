import { GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '@thidua/domain';
import { badInput } from '../errors';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) throw badInput(`Ngày không hợp lệ: ${JSON.stringify(value)} (định dạng YYYY-MM-DD).`);
  return value;
}

/** A calendar date, `YYYY-MM-DD`, kept as a string end to end so no time zone can shift it. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'Ngày theo lịch, dạng YYYY-MM-DD (A calendar date, ISO 8601).',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('Ngày phải là chuỗi YYYY-MM-DD.');
    return parseDate(ast.value);
  },
});
