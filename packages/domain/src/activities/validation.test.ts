import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_RULES } from '../scoring/rules';
import { validateAssistInput, validateClassInput, type AssistInputToValidate, type ClassInputToValidate } from './validation';

const ctx = { movement: { startsOn: '2025-05-01', endsOn: '2025-12-31' }, today: '2025-07-14' };
const goodClass: ClassInputToValidate = { heldOn: '2025-07-10', attendeeCount: 30, topics: ['VNEID', 'CYBER_SAFETY'] };
const goodAssist: AssistInputToValidate = { helpedOn: '2025-07-14', service: 'VNEID_L2', priorityGroups: ['ELDERLY'] };

describe('validateClassInput', () => {
  it('accepts a class inside the movement with known topics', () => {
    expect(validateClassInput(goodClass, ctx)).toEqual([]);
  });

  it.each<[string, Partial<ClassInputToValidate>, string, string]>([
    ['a date that does not exist', { heldOn: '2025-02-30' }, 'heldOn', 'Ngày tổ chức lớp không hợp lệ (cần dạng YYYY-MM-DD).'],
    ['a date before the movement', { heldOn: '2025-04-30' }, 'heldOn', 'Ngày tổ chức lớp phải nằm trong thời gian phong trào (01/05/2025 – 31/12/2025).'],
    ['a date in the future', { heldOn: '2025-07-15' }, 'heldOn', 'Ngày tổ chức lớp không được sau ngày hôm nay (14/07/2025).'],
    ['no attendees', { attendeeCount: 0 }, 'attendeeCount', 'Số người tham dự phải là số nguyên từ 1 đến 500.'],
    ['more than 500 attendees', { attendeeCount: 501 }, 'attendeeCount', 'Số người tham dự phải là số nguyên từ 1 đến 500.'],
    ['a fractional attendee count', { attendeeCount: 12.5 }, 'attendeeCount', 'Số người tham dự phải là số nguyên từ 1 đến 500.'],
    ['no topics', { topics: [] }, 'topics', 'Cần chọn ít nhất một chủ đề của lớp học.'],
    ['an unknown topic', { topics: ['VNEID', 'GARDENING'] }, 'topics', 'Chủ đề không hợp lệ: GARDENING.'],
    ['a repeated topic', { topics: ['VNEID', 'VNEID'] }, 'topics', 'Chủ đề bị lặp: VNEID.'],
  ])('rejects a class with %s', (_label, change, field, message) => {
    expect(validateClassInput({ ...goodClass, ...change }, ctx)).toEqual([{ field, message }]);
  });

  it.each([
    ['the first day of the movement', '2025-05-01'],
    ['today', '2025-07-14'],
  ])('accepts a class held on %s', (_label, heldOn) => {
    expect(validateClassInput({ ...goodClass, heldOn }, ctx)).toEqual([]);
  });

  it.each([1, 500])('accepts %i attendees', (attendeeCount) => {
    expect(validateClassInput({ ...goodClass, attendeeCount }, ctx)).toEqual([]);
  });
});

describe('validateAssistInput', () => {
  const rules = { ...DEFAULT_SCORING_RULES, services: { ...DEFAULT_SCORING_RULES.services, DIGITAL_SIGNATURE: 4 } };

  it.each<[string, Partial<AssistInputToValidate>]>([
    ['a built-in service', {}],
    ['a service the movement added', { service: 'DIGITAL_SIGNATURE' }],
    ['no priority group', { priorityGroups: null }],
    ['several priority groups', { priorityGroups: ['ELDERLY', 'NEAR_POOR'] }],
  ])('accepts an assist with %s', (_label, change) => {
    expect(validateAssistInput({ ...goodAssist, ...change }, { ...ctx, rules })).toEqual([]);
  });

  it.each<[string, Partial<AssistInputToValidate>, string, string]>([
    ['a service the rules do not price', { service: 'GARDENING' }, 'service', 'Dịch vụ không có trong quy tắc tính điểm của phong trào: GARDENING.'],
    ['an unknown priority group', { priorityGroups: ['STUDENT'] }, 'priorityGroups', 'Nhóm ưu tiên không hợp lệ: STUDENT.'],
    ['a repeated priority group', { priorityGroups: ['ELDERLY', 'ELDERLY'] }, 'priorityGroups', 'Nhóm ưu tiên bị lặp: ELDERLY.'],
    ['a date after the movement', { helpedOn: '2026-01-01' }, 'helpedOn', 'Ngày hỗ trợ phải nằm trong thời gian phong trào (01/05/2025 – 31/12/2025).'],
  ])('rejects an assist with %s', (_label, change, field, message) => {
    expect(validateAssistInput({ ...goodAssist, ...change }, { ...ctx, rules })).toEqual([{ field, message }]);
  });
});
