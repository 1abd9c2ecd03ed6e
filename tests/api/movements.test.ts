import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRY_ID, newUser } from '../support/factories';
import { dataOf, errorCodes, GqlClient, startTestApp, type TestApp } from '../support/harness';

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateMovementInput!) { createMovement(input: $input) { id status } }
`;
const OPEN = 'mutation ($id: ID!) { openMovement(id: $id) { id status } }';
const MOVEMENTS = 'query ($status: MovementStatus) { movements(status: $status, first: 50) { nodes { id title status } totalCount } }';
const MOVEMENT = /* GraphQL */ `
  query ($id: ID!) { movement(id: $id) { id title status startsOn endsOn organizer { name kind } scope { name kind } } }
`;

let t: TestApp;
let admin: GqlClient;
let draftId: string;
let activeId: string;

const input = (title: string) => ({
  title,
  organizerUnitId: String(COUNTRY_ID),
  scopeUnitId: String(COUNTRY_ID),
  competingKinds: ['COMMUNE'],
  startsOn: '2025-09-01',
  endsOn: '2025-12-31',
});

beforeAll(async () => {
  t = await startTestApp();
  const account = await newUser(t.db, { role: 'ADMIN', unitId: COUNTRY_ID });
  admin = await t.as(account.username, account.password);
  draftId = dataOf(await admin.gql(CREATE, { input: input('Phong trào nháp') })).createMovement.id;
  activeId = dataOf(await admin.gql(CREATE, { input: input('Bình dân học vụ số') })).createMovement.id;
  dataOf(await admin.gql(OPEN, { id: activeId }));
});
afterAll(() => t?.close());

describe('movements', () => {
  it('refuses a share target above 100 % and a target deadline outside the movement, and writes nothing', async () => {
    const count = async () => dataOf(await admin.gql('{ movements(first: 1) { totalCount } }')).movements.totalCount as number;
    const before = await count();
    const tooHigh = await admin.gql(CREATE, { input: { ...input('Chỉ tiêu quá 100%'), targets: [{ title: 'Người trưởng thành được tập huấn', measure: 'ADULTS_TRAINED', level: 1.5 }] } });
    expect(tooHigh.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooHigh.errors?.[0].extensions?.fields).toEqual([{ field: 'targets.0.level', message: 'Chỉ tiêu tỉ lệ không được vượt quá 100%.' }]);
    const late = await admin.gql(CREATE, { input: { ...input('Hạn sau phong trào'), targets: [{ title: 'Lớp học', measure: 'CLASSES_HELD', level: 50, deadline: '2026-01-15' }] } });
    expect(late.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((late.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(['targets.0.deadline']);
    expect(await count()).toBe(before);
    // 100 % on the movement's last day is allowed
    const edge = await admin.gql(CREATE, { input: { ...input('Đúng 100%'), targets: [{ title: 'Hộ gia đình số', measure: 'HOUSEHOLDS_DIGITAL', level: 1, deadline: '2025-12-31' }] } });
    expect(dataOf(edge).createMovement.status).toBe('DRAFT');
  });

  it('creates a movement as a DRAFT', async () => {
    const result = await admin.gql(CREATE, { input: input('Một phong trào khác') });
    expect(dataOf(result).createMovement.status).toBe('DRAFT');
  });

  it('shows ACTIVE movements to the public', async () => {
    const { movements } = dataOf(await t.gql(MOVEMENTS));
    expect(movements.nodes.map((m: { id: string }) => m.id)).toContain(activeId);
  });

  it('hides DRAFT movements from anonymous users in the list', async () => {
    const { movements } = dataOf(await t.gql(MOVEMENTS));
    expect(movements.nodes.every((m: { status: string }) => m.status !== 'DRAFT')).toBe(true);
    expect(movements.totalCount).toBe(movements.nodes.length);
  });

  it('answers null to an anonymous user asking for a DRAFT by id', async () => {
    const result = await t.gql(MOVEMENT, { id: draftId });
    expect(result.errors).toBeUndefined();
    expect(result.data?.movement).toBeNull();
  });

  it('shows DRAFT movements to the admin who manages them', async () => {
    const { movements } = dataOf(await admin.gql(MOVEMENTS, { status: 'DRAFT' }));
    expect(movements.nodes.map((m: { id: string }) => m.id)).toContain(draftId);
  });

  it('filters by status', async () => {
    const { movements } = dataOf(await admin.gql(MOVEMENTS, { status: 'ACTIVE' }));
    expect(movements.nodes.map((m: { id: string }) => m.id)).toEqual([activeId]);
  });

  it('gives a movement with its dates, organizer and scope', async () => {
    const { movement } = dataOf(await t.gql(MOVEMENT, { id: activeId }));
    expect(movement).toEqual({
      id: activeId,
      title: 'Bình dân học vụ số',
      status: 'ACTIVE',
      startsOn: '2025-09-01',
      endsOn: '2025-12-31',
      organizer: { name: 'Việt Nam', kind: 'COUNTRY' },
      scope: { name: 'Việt Nam', kind: 'COUNTRY' },
    });
  });

  it('answers null for an id that is not a movement', async () => {
    expect(dataOf(await t.gql(MOVEMENT, { id: 'khong-phai-uuid' })).movement).toBeNull();
    expect(dataOf(await t.gql(MOVEMENT, { id: '00000000-0000-4000-8000-000000000000' })).movement).toBeNull();
  });

  it('refuses to create a movement for an anonymous user', async () => {
    const result = await t.gql(CREATE, { input: input('Không được phép') });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses to create a movement for an officer', async () => {
    const account = await newUser(t.db, { role: 'OFFICER', unitId: COUNTRY_ID });
    const officer = await t.as(account.username, account.password);
    const result = await officer.gql(CREATE, { input: input('Không được phép') });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
