import { Field, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors';

@ObjectType({ description: 'Thông tin phân trang theo con trỏ (cursor pagination).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Còn trang sau hay không.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Con trỏ để lấy trang tiếp theo (truyền vào `after`).' })
  endCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

/** Cursors are opaque to clients; inside they are an offset. */
export function decodeCursor(after: string | null | undefined): number {
  if (!after) return 0;
  const offset = Number(Buffer.from(after, 'base64url').toString('utf8').replace(/^o:/, ''));
  if (!Number.isInteger(offset) || offset < 0) throw badInput('Con trỏ phân trang (after) không hợp lệ.');
  return offset;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw badInput('Tham số first phải là số nguyên không âm.');
  return Math.min(n, MAX_PAGE_SIZE);
}

export function pageInfo(offset: number, returned: number, total: number): PageInfo {
  const end = offset + returned;
  return { hasNextPage: end < total, endCursor: returned ? encodeCursor(end) : null };
}
