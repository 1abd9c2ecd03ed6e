/** What the system knows about a badge holder, by fact name. */
export type FactValue = number | boolean | string[];
export type Facts = Readonly<Record<string, FactValue>>;

export type FactCriterion =
  | { fact: string; op: 'gte' | 'lte'; value: number }
  | { fact: string; op: 'eq'; value: number | boolean | string }
  | { fact: string; op: 'has'; value: string };

/** Badge criteria as data: a fact test, or all / any of nested criteria. */
export type Criterion = FactCriterion | { all: Criterion[] } | { any: Criterion[] };

export const CRITERION_OPS = ['gte', 'lte', 'eq', 'has'] as const;

/** A fact the holder does not have fails every test: a badge is never awarded on missing data. */
export function evaluateFact(criterion: FactCriterion, facts: Facts): boolean {
  if (!Object.hasOwn(facts, criterion.fact)) return false;
  const fact = facts[criterion.fact];
  switch (criterion.op) {
    case 'gte':
      return typeof fact === 'number' && fact >= criterion.value;
    case 'lte':
      return typeof fact === 'number' && fact <= criterion.value;
    case 'eq':
      return !Array.isArray(fact) && fact === criterion.value;
    case 'has':
      return Array.isArray(fact) && fact.includes(criterion.value);
  }
}

export function evaluateCriteria(criteria: Criterion, facts: Facts): boolean {
  if ('all' in criteria) return criteria.all.every((child) => evaluateCriteria(child, facts));
  if ('any' in criteria) return criteria.any.some((child) => evaluateCriteria(child, facts));
  return evaluateFact(criteria, facts);
}

/**
 * The fact tests still failing, for "what it takes to earn this badge". For an `any`, the
 * branch closest to passing (fewest failing tests) is reported.
 */
export function unmetCriteria(criteria: Criterion, facts: Facts): FactCriterion[] {
  if ('all' in criteria) return criteria.all.flatMap((child) => unmetCriteria(child, facts));
  if ('any' in criteria) {
    const branches = criteria.any.map((child) => unmetCriteria(child, facts));
    if (branches.length === 0) return [];
    return branches.reduce((closest, branch) => (branch.length < closest.length ? branch : closest));
  }
  return evaluateFact(criteria, facts) ? [] : [criteria];
}

export type FactType = 'number' | 'boolean' | 'list';

/** Which ops make sense for each kind of fact. */
const OPS_BY_FACT_TYPE: Record<FactType, readonly string[]> = {
  number: ['gte', 'lte', 'eq'],
  boolean: ['eq'],
  list: ['has'],
};

export const MAX_CRITERIA_DEPTH = 5;

export type CriteriaValidation = { ok: true; criteria: Criterion } | { ok: false; errors: string[] };

/**
 * Checks criteria an organizer wrote against the facts the system can supply. Empty `all`/`any`
 * lists are refused: `all: []` would hold for everyone and award the badge to every citizen.
 */
export function validateCriteria(input: unknown, factTypes: Readonly<Record<string, FactType>>): CriteriaValidation {
  const errors: string[] = [];
  check(input, 'criteria', 1, factTypes, errors);
  return errors.length === 0 ? { ok: true, criteria: structuredClone(input) as Criterion } : { ok: false, errors };
}

function check(node: unknown, path: string, depth: number, factTypes: Readonly<Record<string, FactType>>, errors: string[]): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    errors.push(`${path}: phải là một điều kiện.`);
    return;
  }
  if (depth > MAX_CRITERIA_DEPTH) {
    errors.push(`${path}: điều kiện lồng nhau quá ${MAX_CRITERIA_DEPTH} cấp.`);
    return;
  }
  const record = node as Record<string, unknown>;
  const group = 'all' in record ? 'all' : 'any' in record ? 'any' : null;
  if (group) {
    const children = record[group];
    if (Object.keys(record).length !== 1) errors.push(`${path}: nhóm điều kiện chỉ được có một trường "${group}".`);
    if (!Array.isArray(children) || children.length === 0) errors.push(`${path}.${group}: cần ít nhất một điều kiện.`);
    else children.forEach((child, index) => check(child, `${path}.${group}[${index}]`, depth + 1, factTypes, errors));
    return;
  }
  checkFact(record, path, factTypes, errors);
}

function checkFact(record: Record<string, unknown>, path: string, factTypes: Readonly<Record<string, FactType>>, errors: string[]): void {
  for (const key of Object.keys(record)) {
    if (!['fact', 'op', 'value'].includes(key)) errors.push(`${path}.${key}: trường không được hỗ trợ.`);
  }
  const { fact, op, value } = record;
  if (typeof fact !== 'string' || !Object.hasOwn(factTypes, fact)) {
    errors.push(`${path}.fact: dữ kiện không được hỗ trợ: ${String(fact)}.`);
    return;
  }
  const type = factTypes[fact];
  if (typeof op !== 'string' || !OPS_BY_FACT_TYPE[type].includes(op)) {
    errors.push(`${path}.op: phép so sánh "${String(op)}" không dùng được với dữ kiện ${fact}.`);
    return;
  }
  const valueOk = type === 'number' ? typeof value === 'number' && Number.isFinite(value) : type === 'boolean' ? typeof value === 'boolean' : typeof value === 'string' && value.length > 0;
  if (!valueOk) errors.push(`${path}.value: giá trị không phù hợp với dữ kiện ${fact}.`);
}
