/**
 * Province-of-birth codes of the 12-digit citizen ID (căn cước công dân), for the 63 provinces
 * before the 2025 merger. IDs keep the code of the province of birth registration, so the
 * pre-merger list stays the valid one for every ID issued.
 */
export const CCCD_PROVINCE_CODES: readonly string[] = [
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
];

export type Gender = 'MALE' | 'FEMALE';

export type CccdValidation =
  | { ok: true; digits: string; provinceCode: string; birthYear: number; gender: Gender }
  | { ok: false; error: string };

/** 4th digit → century of birth: 0/1 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 1800s; even = male. */
function centuryOf(code: number): number {
  return 1900 + Math.floor(code / 2) * 100;
}

/**
 * Checks the structure of a citizen ID and reads the birth year and gender from it. Spaces are
 * ignored (people type "001 234 567 890"); hash `digits`, never the raw input, so one person
 * always gets one hash. `currentYear` makes a future birth year invalid; pass it in tests.
 */
export function validateCccd(input: string, options: { currentYear?: number } = {}): CccdValidation {
  const digits = typeof input === 'string' ? input.replace(/\s+/g, '') : '';
  if (!/^\d{12}$/.test(digits)) return { ok: false, error: 'Số căn cước công dân phải gồm đúng 12 chữ số.' };

  const provinceCode = digits.slice(0, 3);
  if (!CCCD_PROVINCE_CODES.includes(provinceCode)) {
    return { ok: false, error: `Mã tỉnh nơi đăng ký khai sinh (${provinceCode}) trong số căn cước công dân không tồn tại.` };
  }

  const genderCentury = Number(digits[3]);
  const birthYear = centuryOf(genderCentury) + Number(digits.slice(4, 6));
  const currentYear = options.currentYear ?? new Date().getUTCFullYear();
  if (birthYear > currentYear) return { ok: false, error: `Năm sinh trong số căn cước công dân (${birthYear}) ở tương lai.` };

  return { ok: true, digits, provinceCode, birthYear, gender: genderCentury % 2 === 0 ? 'MALE' : 'FEMALE' };
}
