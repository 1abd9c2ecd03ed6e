import { describe, expect, it } from 'vitest';
import { SERVICE_CODES } from '../units/kinds';
import { DEFAULT_SCORING_RULES, validateScoringRules } from './rules';

const clone = () => structuredClone(DEFAULT_SCORING_RULES) as unknown as Record<string, any>;

function withChange(change: (rules: Record<string, any>) => void): unknown {
  const rules = clone();
  change(rules);
  return rules;
}

describe('DEFAULT_SCORING_RULES', () => {
  it('prices every built-in service', () => {
    expect(Object.keys(DEFAULT_SCORING_RULES.services).sort()).toEqual([...SERVICE_CODES].sort());
  });

  it('passes its own validation', () => {
    expect(validateScoringRules(DEFAULT_SCORING_RULES)).toEqual({ ok: true, rules: DEFAULT_SCORING_RULES });
  });
});

describe('validateScoringRules', () => {
  it.each([
    ['a movement that adds its own service code', (r: any) => (r.services.DIGITAL_SIGNATURE = 4)],
    ['no daily cap', (r: any) => (r.dailyCapPerUnit = null)],
    ['a multiplier of exactly 1 and one of exactly 5', (r: any) => Object.assign(r.priorityMultipliers, { ELDERLY: 1, DISABLED: 5 })],
    ['only some priority groups', (r: any) => (r.priorityMultipliers = { ELDERLY: 2 })],
    ['zero points for a service', (r: any) => (r.services.AI_TOOLS = 0)],
    ['citizens counted every time', (r: any) => (r.citizenOncePerServicePerMovement = false)],
  ])('accepts rules with %s', (_label, change) => {
    expect(validateScoringRules(withChange(change)).ok).toBe(true);
  });

  it.each([
    ['a negative class base', (r: any) => (r.class.base = -1), 'class.base: không được âm.'],
    ['an infinite per-attendee value', (r: any) => (r.class.perAttendee = Infinity), 'class.perAttendee: phải là một số hữu hạn.'],
    ['a class cap of zero', (r: any) => (r.class.maxPerClass = 0), 'class.maxPerClass: phải lớn hơn 0.'],
    ['a service priced as text', (r: any) => (r.services.VNEID_L2 = '5'), 'services.VNEID_L2: phải là một số hữu hạn.'],
    ['a malformed service code', (r: any) => (r.services['vneid l2'] = 5), 'services.vneid l2: mã dịch vụ chỉ gồm chữ in hoa, chữ số và dấu gạch dưới (ví dụ VNEID_L2).'],
    ['no services at all', (r: any) => (r.services = {}), 'services: cần ít nhất một dịch vụ được tính điểm.'],
    ['a multiplier below 1', (r: any) => (r.priorityMultipliers.ELDERLY = 0.5), 'priorityMultipliers.ELDERLY: phải từ 1 trở lên.'],
    ['a multiplier above 5', (r: any) => (r.priorityMultipliers.ELDERLY = 6), 'priorityMultipliers.ELDERLY: không được lớn hơn 5.'],
    ['an unknown priority group', (r: any) => (r.priorityMultipliers.STUDENT = 1.2), 'priorityMultipliers.STUDENT: trường không được hỗ trợ.'],
    ['a quiz maximum of zero', (r: any) => (r.quiz.maxPoints = 0), 'quiz.maxPoints: phải lớn hơn 0.'],
    ['a NaN quiz pass value', (r: any) => (r.quiz.passPoints = NaN), 'quiz.passPoints: phải là một số hữu hạn.'],
    ['a missing quiz field', (r: any) => delete r.quiz.perScorePoint, 'quiz.perScorePoint: thiếu trường bắt buộc.'],
    ['a negative daily cap', (r: any) => (r.dailyCapPerUnit = -10), 'dailyCapPerUnit: phải lớn hơn 0.'],
    ['a daily cap of zero', (r: any) => (r.dailyCapPerUnit = 0), 'dailyCapPerUnit: phải lớn hơn 0.'],
    ['a misspelt top-level key', (r: any) => (r.dailyCap = 100), 'dailyCap: trường không được hỗ trợ.'],
    ['an unknown class key', (r: any) => (r.class.bonus = 3), 'class.bonus: trường không được hỗ trợ.'],
    ['a missing top-level key', (r: any) => delete r.quiz, 'quiz: thiếu trường bắt buộc.'],
    ['the once-per-citizen flag as text', (r: any) => (r.citizenOncePerServicePerMovement = 'yes'), 'citizenOncePerServicePerMovement: phải là true hoặc false.'],
    ['classes as a list', (r: any) => (r.class = [10, 0.5, 40]), 'class: phải là một đối tượng.'],
  ])('rejects rules with %s', (_label, change, message) => {
    const result = validateScoringRules(withChange(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain(message);
  });

  it.each([null, 'rules', [], 42])('rejects %j as not an object', (input) => {
    expect(validateScoringRules(input)).toEqual({ ok: false, errors: ['Quy tắc tính điểm phải là một đối tượng.'] });
  });

  it('returns a copy that does not share objects with the input', () => {
    const input = clone();
    const result = validateScoringRules(input);
    if (!result.ok) throw new Error('expected valid rules');
    input.class.base = 99;
    expect(result.rules.class.base).toBe(10);
  });

  it('reports every problem at once', () => {
    const result = validateScoringRules(withChange((r) => Object.assign(r.class, { base: -1, maxPerClass: 0 })));
    expect(result).toEqual({ ok: false, errors: ['class.base: không được âm.', 'class.maxPerClass: phải lớn hơn 0.'] });
  });
});
