/**
 * A canonical JSON text of a payload: object keys sorted, arrays kept in order, `undefined`
 * fields dropped (as JSON does). Two submissions with the same client id are "the same" when
 * their fingerprints are equal, whatever order a client serialised the keys in.
 */
export function activityPayloadFingerprint(payload: unknown): string {
  return canonical(payload, new Set());
}

function canonical(value: unknown, ancestors: Set<object>): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value === 0 ? 0 : value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (typeof value !== 'object') return 'null'; // functions and symbols, as JSON.stringify in arrays
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON: () => unknown }).toJSON(), ancestors);
  if (ancestors.has(value)) throw new TypeError('Dữ liệu gửi lên có tham chiếu vòng, không thể so sánh.');

  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item) => canonical(item, ancestors)).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .filter((key) => record[key] !== undefined && typeof record[key] !== 'function' && typeof record[key] !== 'symbol')
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key], ancestors)}`);
    text = `{${fields.join(',')}}`;
  }
  ancestors.delete(value);
  return text;
}
