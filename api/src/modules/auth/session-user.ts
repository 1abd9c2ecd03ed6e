import type { Role } from '@thidua/domain';

/** The logged-in user as the services see it. `unitPath` is the path of the unit they act for. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitPath: number[];
  citizenId: string | null;
}
