/**
 * The limits every GraphQL input is held to (applied by input-guard.ts, stated in the schema).
 *
 * A rule is looked up by the coordinate of the argument or input field, most specific first:
 * `Mutation.setScoringRules.note`, then `RecordClassInput.note` (an input field), then the bare
 * name (`note`), then the defaults by type. Services keep their own finer checks (formats,
 * minimums, cross-field rules); these are the outer bounds that keep hostile values away from
 * the services and the database.
 */
import { NOTE_MAX_LENGTH } from '@thidua/domain';

export interface StringRule {
  /** maximum length, in UTF-16 code units */
  max: number;
  /** tab, line feed and carriage return allowed (notes, descriptions, CSV files) */
  multiline?: boolean;
  /** the schema description already states this maximum (e.g. "10–128 ký tự"): not appended again */
  stated?: boolean;
}

export interface NumberRule {
  min: number;
  max: number;
}

/** Any String argument or input field that no rule names. */
export const DEFAULT_STRING: StringRule = { max: 500 };
/** Every ID. */
export const ID_MAX_LENGTH = 64;
/** Ints and Floats that no rule names. */
export const DEFAULT_NUMBER: NumberRule = { min: -1_000_000_000, max: 1_000_000_000 };
/** Lists that no rule names. */
export const DEFAULT_LIST_MAX = 500;
/** Dates (the Date and DateTime scalars, and dates inside strings such as JSON rules are not judged). */
export const DATE_RANGE = { min: '2000-01-01', max: '2100-12-31' } as const;

/**
 * Page sizes: refused when negative or absurd; within this range the services still cap a page
 * (100 rows, 200 on boards) as they always did, so existing clients asking for more keep working.
 */
const PAGE: NumberRule = { min: 0, max: 10_000 };

// 2 MB of file, base64-encoded (4 characters per 3 bytes), plus line breaks some encoders add
const BASE64_FILE: StringRule = { max: 2_800_000, multiline: true };

export const STRING_RULES: Record<string, StringRule> = {
  // people and sign-in
  username: { max: 64 },
  'CreateAccountInput.username': { max: 40, stated: true },
  password: { max: 1024, stated: true },
  currentPassword: { max: 1024 },
  'Mutation.login.password': { max: 1024 },
  'Mutation.activateCitizenAccount.password': { max: 1024 },
  newPassword: { max: 1024, stated: true },
  setupCode: { max: 64 },
  displayName: { max: 120, stated: true },
  fullName: { max: 120 },
  headName: { max: 120 },
  phone: { max: 32 },
  nationalId: { max: 32 },
  address: { max: 300 },
  helper: { max: 200 },
  attendees: { max: 200 },
  instructors: { max: 120 },
  // names and titles
  name: { max: 200 },
  title: { max: 200 },
  subtype: { max: 100 },
  competingSubtype: { max: 100 },
  code: { max: 40 },
  'Query.unit.code': { max: 40 },
  'RegisterHouseholdInput.code': { max: 64 },
  denominatorsSource: { max: 500 },
  badgeCode: { max: 64 },
  service: { max: 64 },
  topics: { max: 64 },
  priorityGroups: { max: 64 },
  measure: { max: 64 },
  // searching and paging
  search: { max: 100 },
  'Query.accounts.search': { max: 100 },
  'Query.auditLog.action': { max: 60 },
  after: { max: 200 },
  // free text
  note: { max: NOTE_MAX_LENGTH, multiline: true },
  description: { max: 2000, multiline: true },
  // notes and reasons: one bound everywhere (NOTE_MAX_LENGTH, 2,000)
  reason: { max: NOTE_MAX_LENGTH, multiline: true },
  // Web Push subscriptions (a browser's push-service address and its keys)
  endpoint: { max: 1000, stated: true },
  p256dh: { max: 128 },
  auth: { max: 64 },
  // confirmation by the person helped: a code (or the whole link, pasted) and an optional comment
  confirmationCode: { max: 32 },
  'Mutation.confirmActivity.code': { max: 200 },
  'Query.confirmationByCode.code': { max: 200 },
  'Mutation.confirmActivity.comment': { max: 500, multiline: true, stated: true },
  // files
  contentBase64: BASE64_FILE,
  'Mutation.importQuestions.csv': { max: 2_000_000, multiline: true },
};

export const NUMBER_RULES: Record<string, NumberRule> = {
  first: PAGE,
  // boards are paged by offset (MAX_BOARD_OFFSET in @thidua/domain)
  offset: { min: 0, max: 200_000 },
  'Query.recentActivities.first': { min: 1, max: 50 },
  'Mutation.bulkApproveActivities.limit': { min: 0, max: 10_000 },
  'Query.recomputeStandings.ruleVersion': { min: 1, max: 1_000_000 },
  'Mutation.applyRuleVersion.ruleVersion': { min: 1, max: 1_000_000 },
  attendeeCount: { min: 0, max: 100_000 },
  birthYear: { min: 1880, max: 2100 },
  population: { min: 0, max: 1_000_000_000 },
  adultPopulation: { min: 0, max: 1_000_000_000 },
  households: { min: 0, max: 1_000_000_000 },
  'Mutation.confirmActivity.rating': { min: 1, max: 5 },
  'Mutation.reserveConfirmationCodes.count': { min: 1, max: 50 },
};

export const LIST_RULES: Record<string, number> = {
  'Mutation.syncActivities.input': 500,
  'Mutation.linkActivityParticipants.citizenIds': 500,
  'Mutation.submitQuizAttempt.answers': 200,
  optionIds: 20,
  'Mutation.markNotificationsRead.ids': 100,
  evidenceIds: 20,
  attendees: 500,
  instructors: 20,
  topics: 20,
  priorityGroups: 10,
  competingKinds: 10,
  phases: 50,
  targets: 50,
};

/**
 * Lists whose items are judged one by one by the service that takes them, so that one bad item
 * is refused on its own (an offline sync answers REJECTED for that item and keeps the others).
 * The guard bounds only their length.
 */
export const ITEMWISE_LISTS: ReadonlySet<string> = new Set(['Mutation.syncActivities.input']);

/** JSON arguments (scoring rules): bounds on the whole value, since its shape is free. */
export const JSON_LIMITS = { maxChars: 100_000, maxDepth: 20, maxString: 2000, maxItems: 1000 } as const;

/**
 * Root fields an anonymous caller may use. Every other Query, Mutation and Subscription field
 * needs a signed-in user, and an anonymous call answers UNAUTHENTICATED before its input is judged.
 */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'Query.me',
  'Query.badges',
  'Query.badgeAward',
  'Query.leaderboard',
  'Query.movement',
  'Query.movements',
  'Query.movementTotals',
  'Query.recentActivities',
  'Query.quizzes',
  'Query.targetProgress',
  'Query.unitDailyPoints',
  'Query.unit',
  'Query.units',
  'Mutation.login',
  'Mutation.logout',
  'Mutation.activateAccount',
  'Mutation.activateCitizenAccount',
  'Query.confirmationByCode',
  'Mutation.confirmActivity',
  'Subscription.leaderboardChanged',
]);

/** The rule for a coordinate: `parent.name` (an input field) or `Root.field.name` (an argument). */
export function lookup<T>(table: Record<string, T>, coordinates: readonly string[]): T | undefined {
  for (const c of coordinates) if (Object.hasOwn(table, c)) return table[c];
  return undefined;
}
