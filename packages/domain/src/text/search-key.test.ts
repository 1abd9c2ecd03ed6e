import { describe, expect, it } from 'vitest';
import { searchKey } from './search-key';

describe('searchKey', () => {
  it.each([
    ['Phường Hạ Long', 'phuong ha long'],
    ['Đặc khu Vân Đồn', 'dac khu van don'],
    ['  Hà   Phong ', 'ha phong'],
    ['Xã Ia Mơ', 'xa ia mo'],
    ['Hoà', 'hoa'],
    ['Hòa', 'hoa'],
    ['HẠ LONG', 'ha long'],
  ])('turns %j into %j', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });
});
