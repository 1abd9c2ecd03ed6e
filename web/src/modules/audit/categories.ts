/** The action prefixes the audit log filters by (`auditLog(action: "account.")`). */
export const AUDIT_CATEGORIES = ['account', 'unit', 'activity', 'badge', 'movement', 'citizen'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];
