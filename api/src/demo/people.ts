import type { PriorityGroup } from '@thidua/domain';
import type { DemoCommuneKey } from './catalog';
import { demoUuid, Random } from './random';

/**
 * Invented households and citizens for the residential groups of the demo. Names are drawn from
 * common Vietnamese family, middle and given names (with the Mường family names usual around Long
 * Cốc); no name of a real person quoted in the source articles is ever produced.
 */

export interface DemoGroupRef {
  id: number;
  name: string;
  fullName: string;
  communeKey: DemoCommuneKey;
  /** e.g. "phường Hạ Long, tỉnh Quảng Ninh", for addresses */
  place: string;
  /** e.g. "06688-TDP01", for household codes */
  codePrefix: string;
}

export interface DemoHousehold {
  id: string;
  unitId: number;
  code: string;
  headName: string;
  address: string;
}

export interface DemoCitizen {
  id: string;
  householdId: string;
  unitId: number;
  communeKey: DemoCommuneKey;
  fullName: string;
  birthYear: number;
  /** an invented, structurally valid 12-digit citizen ID: only its keyed hash is stored */
  nationalId: string;
  /** facts an officer would tick when helping this person (not stored on the citizen) */
  priorityGroups: PriorityGroup[];
}

export interface DemoPopulation {
  households: DemoHousehold[];
  citizens: DemoCitizen[];
  /** the citizen behind the `citizen` account */
  accountCitizen: DemoCitizen;
}

const KINH_FAMILY: Record<string, number> = {
  Nguyễn: 30, Trần: 11, Lê: 9, Phạm: 7, Hoàng: 5, Vũ: 5, Đặng: 3, Bùi: 3, Đỗ: 3, Ngô: 2, Dương: 2, Lương: 2, Phan: 3, Trịnh: 2, Đinh: 2, Đào: 2, Mai: 1,
};
/** Usual Mường family names (Long Cốc lies in the Mường lands of Phú Thọ). */
const MUONG_FAMILY: Record<string, number> = { Đinh: 8, Hà: 7, Xa: 4, Bùi: 5, Quách: 3, Cao: 2 };

const MALE_MIDDLE = ['Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Tuấn', 'Thành', 'Công', 'Xuân', 'Ngọc'];
const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Phương', 'Kim'];
const MALE_GIVEN = [
  'An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Khánh', 'Kiên', 'Long', 'Mạnh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng',
  'Toàn', 'Trung', 'Tú', 'Việt', 'Vinh', 'Hòa', 'Lâm', 'Tiến', 'Thịnh', 'Khôi', 'Bảo', 'Duy',
];
const FEMALE_GIVEN = [
  'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hoa', 'Huyền', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'Nga', 'Ngân', 'Nhung',
  'Oanh', 'Phượng', 'Quỳnh', 'Thảo', 'Trang', 'Tuyết', 'Vân', 'Yến', 'Thủy', 'Hiền', 'Lụa', 'Nhàn',
];

/** People named in the source articles: never reused for invented citizens. */
const NAMES_IN_SOURCES = new Set([
  'Nguyễn Thuận', 'Tiêu Thị Dương', 'Nguyễn Trường Sơn', 'Nguyễn Quang Chiến', 'Trần Văn Phúc', 'Đinh Bá Đặng', 'Hà Ngọc Quang', 'Nguyễn Tuấn Dũng',
  'Phan Thị Hải Hường', 'Vũ Quyết Tiến', 'Nguyễn Lê Hoàng', 'Phạm Minh Chính', 'Tô Lâm',
]);

/** Pre-merger province codes of birth registration used for the invented IDs. */
const BIRTH_PROVINCE = { QUANG_NINH: '022', PHU_THO: '025', HA_NOI: '001', OTHER: ['030', '034', '036', '038', '019', '026'] };

type Gender = 'M' | 'F';

class NameMaker {
  constructor(private readonly random: Random) {}

  family(muong: boolean): string {
    return this.random.weighted(muong ? MUONG_FAMILY : KINH_FAMILY);
  }

  person(family: string, gender: Gender, birthYear: number): string {
    for (;;) {
      const middle = gender === 'M' ? this.random.pick(MALE_MIDDLE) : birthYear < 1975 ? 'Thị' : this.random.pick(FEMALE_MIDDLE);
      const given = this.random.pick(gender === 'M' ? MALE_GIVEN : FEMALE_GIVEN);
      const name = `${family} ${middle} ${given}`;
      if (!NAMES_IN_SOURCES.has(name) && !name.endsWith(` ${middle} ${middle}`)) return name;
    }
  }
}

class NationalIds {
  private readonly used = new Set<string>();
  constructor(private readonly random: Random) {}

  /** 3-digit province of birth, gender/century digit, 2-digit year, 6 digits: passes validateCccd. */
  make(provinceCode: string, gender: Gender, birthYear: number): string {
    const century = birthYear >= 2000 ? 2 : 0;
    const genderDigit = century + (gender === 'F' ? 1 : 0);
    for (;;) {
      const serial = String(this.random.int(0, 999_999)).padStart(6, '0');
      const id = `${provinceCode}${genderDigit}${String(birthYear % 100).padStart(2, '0')}${serial}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

const DEMO_YEAR = 2026;
const ELDERLY_FROM_AGE = 60;

interface Member {
  name: string;
  gender: Gender;
  birthYear: number;
  disabled?: boolean;
}

/**
 * 10–20 households of 2–5 members in each group given. Deterministic: the same groups give the
 * same people, with the same ids.
 */
export function demoPopulation(groups: readonly DemoGroupRef[], seed = 20_261_005): DemoPopulation {
  const random = new Random(seed);
  const names = new NameMaker(random);
  const nationalIds = new NationalIds(random);
  const households: DemoHousehold[] = [];
  const citizens: DemoCitizen[] = [];
  let accountCitizen: DemoCitizen | null = null;

  const birthProvince = (communeKey: DemoCommuneKey): string => {
    if (random.chance(0.12)) return random.pick(BIRTH_PROVINCE.OTHER);
    if (communeKey === 'LONGCOC' || communeKey === 'VIETTRI') return BIRTH_PROVINCE.PHU_THO;
    if (communeKey === 'PHUDIEN') return BIRTH_PROVINCE.HA_NOI;
    return BIRTH_PROVINCE.QUANG_NINH;
  };

  const accountGroupIndex = groups.findIndex((g) => g.communeKey === 'HALONG');
  for (const [groupIndex, group] of groups.entries()) {
    const count = random.int(10, 20);
    for (let h = 0; h < count; h++) {
      const householdId = demoUuid(`household:${group.codePrefix}:${h + 1}`);
      const muong = group.communeKey === 'LONGCOC' && random.chance(0.7);
      const nearPoor = random.chance(group.communeKey === 'LONGCOC' ? 0.12 : 0.04);
      // the `citizen` account lives in the first household of the first group of phường Hạ Long
      const isAccountHousehold = groupIndex === accountGroupIndex && h === 0;
      const members = isAccountHousehold ? accountHouseholdMembers() : inventMembers(random, names, muong);

      const head = members[0];
      let houseNumber = random.int(2, 180);
      if (isAccountHousehold) houseNumber = 15;
      households.push({
        id: householdId,
        unitId: group.id,
        code: `${group.codePrefix}-${String(h + 1).padStart(3, '0')}`,
        headName: head.name,
        address: group.communeKey === 'LONGCOC' ? `${group.name}, ${group.place}` : `Số nhà ${houseNumber}, ${group.name}, ${group.place}`,
      });
      for (const [i, m] of members.entries()) {
        const priorityGroups: PriorityGroup[] = [];
        if (DEMO_YEAR - m.birthYear >= ELDERLY_FROM_AGE) priorityGroups.push('ELDERLY');
        if (m.disabled) priorityGroups.push('DISABLED');
        if (nearPoor) priorityGroups.push('NEAR_POOR');
        if (muong && Object.hasOwn(MUONG_FAMILY, m.name.split(' ')[0])) priorityGroups.push('ETHNIC_MINORITY');
        const citizen: DemoCitizen = {
          id: demoUuid(`citizen:${group.codePrefix}:${h + 1}:${i + 1}`),
          householdId,
          unitId: group.id,
          communeKey: group.communeKey,
          fullName: m.name,
          birthYear: m.birthYear,
          nationalId: nationalIds.make(birthProvince(group.communeKey), m.gender, m.birthYear),
          priorityGroups,
        };
        citizens.push(citizen);
        if (isAccountHousehold && m.name === ACCOUNT_CITIZEN_NAME) accountCitizen = citizen;
      }
    }
  }
  if (!accountCitizen) throw new Error('demo population: phường Hạ Long has no residential group');
  return { households, citizens, accountCitizen };
}

export const ACCOUNT_CITIZEN_NAME = 'Nguyễn Thị Lan';

/** The household of the `citizen` account: fixed, so the account's story is the same everywhere. */
function accountHouseholdMembers(): Member[] {
  return [
    { name: 'Phạm Văn Toàn', gender: 'M', birthYear: 1958 },
    { name: ACCOUNT_CITIZEN_NAME, gender: 'F', birthYear: 1961 },
    { name: 'Phạm Thu Hà', gender: 'F', birthYear: 1988 },
    { name: 'Phạm Minh Khang', gender: 'M', birthYear: 2011 },
  ];
}

function inventMembers(random: Random, names: NameMaker, muong: boolean): Member[] {
  const size = random.weighted({ 2: 20, 3: 30, 4: 32, 5: 18 } as Record<string, number>);
  const n = Number(size);
  const family = names.family(muong);
  const headGender: Gender = random.chance(0.72) ? 'M' : 'F';
  const headYear = random.int(1948, 1992);
  const members: Member[] = [{ name: names.person(family, headGender, headYear), gender: headGender, birthYear: headYear, disabled: random.chance(0.02) }];

  const spouseGender: Gender = headGender === 'M' ? 'F' : 'M';
  const spouseYear = Math.min(2000, headYear + random.int(-2, 5) * (headGender === 'M' ? 1 : -1));
  if (n >= 2 && random.chance(0.9)) {
    members.push({ name: names.person(names.family(muong && random.chance(0.8)), spouseGender, spouseYear), gender: spouseGender, birthYear: spouseYear });
  }
  // an elderly parent lives with younger families
  if (members.length < n && headYear >= 1970 && random.chance(0.45)) {
    const parentYear = Math.max(1938, headYear - random.int(24, 32));
    const parentGender: Gender = random.chance(0.6) ? 'F' : 'M';
    const parentFamily = parentGender === 'M' && headGender === 'M' ? family : names.family(muong);
    members.push({ name: names.person(parentFamily, parentGender, parentYear), gender: parentGender, birthYear: parentYear, disabled: random.chance(0.04) });
  }
  const childFamily = headGender === 'M' ? family : members[1]?.gender === 'M' ? members[1].name.split(' ')[0] : family;
  let childYear = headYear + random.int(22, 30);
  while (members.length < n && childYear <= 2018) {
    const gender: Gender = random.chance(0.5) ? 'M' : 'F';
    members.push({ name: names.person(childFamily, gender, childYear), gender, birthYear: childYear });
    childYear += random.int(2, 6);
  }
  if (members.length < 2) members.push({ name: names.person(names.family(muong), spouseGender, spouseYear), gender: spouseGender, birthYear: spouseYear });
  return members;
}
