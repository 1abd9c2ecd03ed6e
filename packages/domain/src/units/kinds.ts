export const UNIT_KINDS = ['COUNTRY', 'PROVINCE', 'COMMUNE', 'RESIDENTIAL_GROUP', 'ORGANIZATION'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['ADMIN', 'ORGANIZER', 'LEADER', 'OFFICER', 'CITIZEN'] as const;
export type Role = (typeof ROLES)[number];

export const MOVEMENT_STATUSES = ['DRAFT', 'ACTIVE', 'CLOSED'] as const;
export type MovementStatus = (typeof MOVEMENT_STATUSES)[number];

export const ACTIVITY_KINDS = ['CLASS', 'ASSIST', 'QUIZ'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ['SUBMITTED', 'APPROVED', 'REJECTED', 'REVOKED'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Service codes from API.md; a movement's rules may add more. */
export const SERVICE_CODES = [
  'VNEID_L2',
  'PUBLIC_SERVICE_ONLINE',
  'RESIDENCE_DECLARATION',
  'CASHLESS_PAYMENT',
  'E_HEALTH',
  'SAFE_SOCIAL_MEDIA',
  'SCAM_AWARENESS',
  'AI_TOOLS',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export const PRIORITY_GROUPS = ['ELDERLY', 'DISABLED', 'NEAR_POOR', 'ETHNIC_MINORITY'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

/** Class topics, shared with quiz topics. */
export const TOPIC_CODES = ['VNEID', 'PUBLIC_SERVICES', 'CYBER_SAFETY', 'CASHLESS', 'E_HEALTH', 'AI_BASICS', 'SOCIAL_MEDIA', 'BASIC_DEVICE'] as const;
export type TopicCode = (typeof TOPIC_CODES)[number];
