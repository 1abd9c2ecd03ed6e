import { formatDateVi, isIsoDate } from '../periods/iso-date';
import type { ScoringRules } from '../scoring/rules';
import { PRIORITY_GROUPS, TOPIC_CODES } from '../units/kinds';

/** One problem with one input field; `message` is shown to the user as is. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ActivityDateContext {
  movement: { startsOn: string; endsOn: string };
  /** Today in Vietnam (see `vietnamDateOf`); passed in so the rules stay pure. */
  today: string;
}

export const MIN_ATTENDEES = 1;
export const MAX_ATTENDEES = 500;

/** An activity happened on a real day, inside the movement, and not after today. */
export function validateActivityDate(date: unknown, field: string, label: string, ctx: ActivityDateContext): FieldError[] {
  if (!isIsoDate(date)) return [{ field, message: `${label} không hợp lệ (cần dạng YYYY-MM-DD).` }];
  const { startsOn, endsOn } = ctx.movement;
  if (date < startsOn || date > endsOn) {
    return [{ field, message: `${label} phải nằm trong thời gian phong trào (${formatDateVi(startsOn)} – ${formatDateVi(endsOn)}).` }];
  }
  if (date > ctx.today) return [{ field, message: `${label} không được sau ngày hôm nay (${formatDateVi(ctx.today)}).` }];
  return [];
}

function validateCodes(values: readonly unknown[], known: readonly string[], field: string, noun: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<unknown>();
  for (const value of values) {
    if (typeof value !== 'string' || !known.includes(value)) errors.push({ field, message: `${noun} không hợp lệ: ${String(value)}.` });
    else if (seen.has(value)) errors.push({ field, message: `${noun} bị lặp: ${value}.` });
    seen.add(value);
  }
  return errors;
}

export interface ClassInputToValidate {
  heldOn: string;
  attendeeCount: number;
  topics: readonly string[];
}

export function validateClassInput(input: ClassInputToValidate, ctx: ActivityDateContext): FieldError[] {
  const errors = validateActivityDate(input.heldOn, 'heldOn', 'Ngày tổ chức lớp', ctx);
  const count = input.attendeeCount;
  if (!Number.isInteger(count) || count < MIN_ATTENDEES || count > MAX_ATTENDEES) {
    errors.push({ field: 'attendeeCount', message: `Số người tham dự phải là số nguyên từ ${MIN_ATTENDEES} đến ${MAX_ATTENDEES}.` });
  }
  if (!Array.isArray(input.topics) || input.topics.length === 0) {
    errors.push({ field: 'topics', message: 'Cần chọn ít nhất một chủ đề của lớp học.' });
  } else {
    errors.push(...validateCodes(input.topics, TOPIC_CODES, 'topics', 'Chủ đề'));
  }
  return errors;
}

export interface AssistInputToValidate {
  helpedOn: string;
  service: string;
  priorityGroups?: readonly string[] | null;
}

/** The service must be priced by this movement's rules, which may add codes to the built-in ones. */
export function validateAssistInput(input: AssistInputToValidate, ctx: ActivityDateContext & { rules: ScoringRules }): FieldError[] {
  const errors = validateActivityDate(input.helpedOn, 'helpedOn', 'Ngày hỗ trợ', ctx);
  if (typeof input.service !== 'string' || !Object.hasOwn(ctx.rules.services, input.service)) {
    errors.push({ field: 'service', message: `Dịch vụ không có trong quy tắc tính điểm của phong trào: ${String(input.service)}.` });
  }
  errors.push(...validateCodes(input.priorityGroups ?? [], PRIORITY_GROUPS, 'priorityGroups', 'Nhóm ưu tiên'));
  return errors;
}
