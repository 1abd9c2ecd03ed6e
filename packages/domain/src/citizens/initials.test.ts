import { describe, expect, it } from 'vitest';
import { initials } from './initials';

describe('initials', () => {
  it.each([
    ['Nguyễn Văn An', 'N.V.A.'],
    ['Đặng Thị Ánh Tuyết', 'Đ.T.Á.T.'],
    ['  lê   ưng  ', 'L.Ư.'],
    ['Nguye\u0302\u0303n Văn An', 'N.V.A.'],
    ['Ông Ích Khiêm', 'Ô.Í.K.'],
    ['Hoàng (Bà) Lan', 'H.B.L.'],
    ['Trần', 'T.'],
    ['', ''],
    ['   ', ''],
  ])('shows %j as %j', (fullName, expected) => {
    expect(initials(fullName)).toBe(expected);
  });
});
