import { saveFile } from '@/app/files';

/** The shape of `citizenDataExport` (api/src/modules/personal-data/personal-data.service.ts). */
export interface PersonalData {
  exportedAt: string;
  citizen: { id: string; fullName: string; birthYear: number | null; phone: string | null; hasNationalId: boolean; unit: { id: string; name: string } | null; registeredAt: string };
  household: { id: string; code: string | null; headName: string; address: string | null; unit: { id: string; name: string } | null } | null;
  activities: { id: string; kind: string; role: 'HELPED' | 'PARTICIPANT'; status: string; date: string; service: string | null; topics: string[]; unit: { id: string; name: string }; movement: string }[];
  quizAttempts: { id: string; quiz: string; score: number | null; passed: boolean | null; startedAt: string; submittedAt: string | null }[];
  badges: { id: string; code: string; name: string; status: string; issuedAt: string; revokedAt: string | null }[];
  account: { username: string; displayName: string; createdAt: string; disabled: boolean } | null;
}

export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** Saves the export as a JSON file named after the person's id (never their name). */
export function downloadJson(data: PersonalData): void {
  saveFile(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `du-lieu-ca-nhan-${data.citizen.id}.json`);
}
