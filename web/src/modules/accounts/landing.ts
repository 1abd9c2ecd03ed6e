import type { Role } from '@/gql/graphql';

/** Where each role's work is: a newly activated account lands there. */
export const LANDING_BY_ROLE: Readonly<Record<Role, string>> = {
  CITIZEN: '/bai-kiem-tra',
  OFFICER: '/ghi-nhan',
  LEADER: '/bang-dieu-khien',
  ORGANIZER: '/phong-trao',
  ADMIN: '/quan-tri/tai-khoan',
};
