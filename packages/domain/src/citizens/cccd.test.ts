import { describe, expect, it } from 'vitest';
import { CCCD_PROVINCE_CODES, validateCccd } from './cccd';

const now = { currentYear: 2025 };

describe('validateCccd', () => {
  it.each([
    ['001085012345', '001', 1985, 'MALE'],
    ['022190012345', '022', 1990, 'FEMALE'],
    ['079205012345', '079', 2005, 'MALE'],
    ['096325012345', '096', 2025, 'FEMALE'],
    ['001 085 012 345', '001', 1985, 'MALE'],
  ])('reads %s as born in province %s in %i, %s', (input, provinceCode, birthYear, gender) => {
    expect(validateCccd(input, now)).toEqual({ ok: true, digits: input.replace(/ /g, ''), provinceCode, birthYear, gender });
  });

  it.each([
    ['a 9-digit old ID card number', '123456789', 'Số căn cước công dân phải gồm đúng 12 chữ số.'],
    ['13 digits', '0010850123456', 'Số căn cước công dân phải gồm đúng 12 chữ số.'],
    ['letters', '00108501234A', 'Số căn cước công dân phải gồm đúng 12 chữ số.'],
    ['an empty string', '', 'Số căn cước công dân phải gồm đúng 12 chữ số.'],
    ['province code 003, which does not exist', '003085012345', 'Mã tỉnh nơi đăng ký khai sinh (003) trong số căn cước công dân không tồn tại.'],
    ['province code 097, beyond the list', '097085012345', 'Mã tỉnh nơi đăng ký khai sinh (097) trong số căn cước công dân không tồn tại.'],
    ['province code 000', '000085012345', 'Mã tỉnh nơi đăng ký khai sinh (000) trong số căn cước công dân không tồn tại.'],
    ['a birth year next year', '001226012345', 'Năm sinh trong số căn cước công dân (2026) ở tương lai.'],
    ['a birth year in the 2100s', '001400012345', 'Năm sinh trong số căn cước công dân (2100) ở tương lai.'],
    // Thông tư 07/2016/TT-BCA: century digits 8/9 are the 2300s, not the 1800s
    ['a century digit of 9 (the 2300s)', '038999012345', 'Năm sinh trong số căn cước công dân (2399) ở tương lai.'],
  ])('rejects %s', (_label, input, error) => {
    expect(validateCccd(input, now)).toEqual({ ok: false, error });
  });

  it('knows exactly the 63 pre-2025 province codes', () => {
    expect(CCCD_PROVINCE_CODES).toHaveLength(63);
    expect(new Set(CCCD_PROVINCE_CODES).size).toBe(63);
  });
});
