/**
 * A canonical JSON text of a payload: object keys sorted, arrays kept in order, `undefined`
 * fields dropped (as JSON does). Two submissions with the same client id are "the same" when
 * their fingerprints are equal, whatever order a client serialised the keys in.
 */
export function activityPayloadFingerprint(payload: unknown): string {
  return canonical(payload, new Set());
}

function canonical(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value === 0 ? 0 : value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      if (value === null) return 'null';
      break;
    default:
      return 'null'; // undefined, functions and symbols, as JSON.stringify in arrays
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON: () => unknown }).toJSON(), ancestors);
  if (ancestors.has(value)) throw new TypeError('Dữ liệu gửi lên có tham chiếu vòng, không thể so sánh.');

  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + canonical(value[i], ancestors);
    text += ']';
  } else {
    const record = value as Record<string, unknown>;
    text = '{';
    for (const key of Object.keys(record).sort()) {
      const field = record[key];
      if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
      text += (text.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonical(field, ancestors);
    }
    text += '}';
  }
  ancestors.delete(value);
  return text;
}
