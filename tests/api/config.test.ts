import { generateKeyPairSync } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@thidua/api/src/config';

/* The one module that reads the environment: defaults, and clear refusals of bad values. */

const ed25519 = generateKeyPairSync('ed25519').privateKey;
const ED25519_PEM = ed25519.export({ type: 'pkcs8', format: 'pem' }).toString();
const RSA_PEM = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PRODUCTION = { NODE_ENV: 'production', NATIONAL_ID_HASH_KEY: 'a-long-random-secret', BADGE_SIGNING_KEY: ED25519_PEM, PUBLIC_URL: 'https://thidua.example.vn' };

/** The problems loadConfig reports for this environment (none: it returned a config). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
}

describe('configuration', () => {
  it('sizes the PostgreSQL pool at 2 × CPU cores (at least 4) unless told otherwise', () => {
    expect(loadConfig({}).databasePoolSize).toBe(Math.max(4, 2 * availableParallelism()));
    expect(loadConfig({ DATABASE_POOL_SIZE: '3' }).databasePoolSize).toBe(3);
  });

  it.each(['0', '-2', 'nhiều', '2.5', '500'])('refuses DATABASE_POOL_SIZE=%s with a Vietnamese message', (value) => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: value })).toThrow(ConfigError);
    expect(problemsOf({ DATABASE_POOL_SIZE: value })).toEqual([`DATABASE_POOL_SIZE không hợp lệ: "${value}" (phải là số nguyên từ 1 đến 200)`]);
  });

  it.each(['80a', '-1', '70000', '4000.5'])('refuses PORT=%s', (value) => {
    expect(problemsOf({ PORT: value })).toEqual([`PORT không hợp lệ: "${value}" (phải là số nguyên từ 0 đến 65535)`]);
  });

  it('refuses a DATABASE_URL that is not postgres://, without printing its password', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://root:secret@localhost/db' })).toEqual([
      'DATABASE_URL phải bắt đầu bằng postgres:// (hoặc postgresql://), đang là "mysql://…@localhost/db"',
    ]);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).databaseUrl).toBe('postgresql://u@h/db');
  });

  it('refuses DEMO_DATA other than 1/0 (true/false, yes/no)', () => {
    expect(problemsOf({ DEMO_DATA: 'có' })).toEqual(['DEMO_DATA không hợp lệ: "có" (dùng 1 hoặc 0)']);
    expect(loadConfig({ DEMO_DATA: 'yes' }).demoData).toBe(true);
  });

  it.each(['0', '400', 'ba mươi'])('refuses SESSION_DAYS=%s', (value) => {
    expect(problemsOf({ SESSION_DAYS: value })).toEqual([`SESSION_DAYS không hợp lệ: "${value}" (phải là số nguyên từ 1 đến 365)`]);
  });

  it('accepts an Ed25519 PKCS#8 key as PEM or base64 DER, and refuses anything else', () => {
    expect(loadConfig({ BADGE_SIGNING_KEY: ED25519_PEM }).badgeSigningKey).toBe(ED25519_PEM.trim());
    expect(problemsOf({ BADGE_SIGNING_KEY: ed25519.export({ type: 'pkcs8', format: 'der' }).toString('base64') })).toEqual([]);
    expect(problemsOf({ BADGE_SIGNING_KEY: 'not a key' })).toEqual([
      'BADGE_SIGNING_KEY không hợp lệ: không đọc được như khoá riêng PKCS#8 (PEM) (tạo bằng `openssl genpkey -algorithm ed25519`)',
    ]);
    expect(problemsOf({ BADGE_SIGNING_KEY: RSA_PEM })).toEqual(['BADGE_SIGNING_KEY không hợp lệ: là khoá rsa, không phải Ed25519 (tạo bằng `openssl genpkey -algorithm ed25519`)']);
  });

  it.each(['thidua.example.vn', 'ftp://thidua.example.vn', 'https://'])('refuses PUBLIC_URL=%s', (value) => {
    expect(problemsOf({ PUBLIC_URL: value })).toEqual([`PUBLIC_URL không hợp lệ: "${value}" (phải là địa chỉ http:// hoặc https://)`]);
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://', () => {
    expect(problemsOf({ REDIS_URL: 'http://127.0.0.1:6379' })).toEqual(['REDIS_URL phải bắt đầu bằng redis:// hoặc rediss://, đang là "http://127.0.0.1:6379"']);
  });

  it('reads TRUST_PROXY as nothing, a hop count, loopback, or a list of addresses and networks', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' }).trustProxy).toMatchObject({
      kind: 'addresses',
      ranges: [
        { family: 4, address: '127.0.0.0', prefix: 8 },
        { family: 6, address: '::1', prefix: 128 },
        { family: 4, address: '10.0.0.0', prefix: 8 },
        { family: 6, address: 'fd00::', prefix: 8 },
      ],
    });
    expect(problemsOf({ TRUST_PROXY: '11' })).toEqual(['TRUST_PROXY không hợp lệ: "11" (số proxy phải từ 1 đến 10)']);
    expect(problemsOf({ TRUST_PROXY: 'nginx, 10.0.0.0/33' })).toEqual([
      'TRUST_PROXY không hợp lệ: "nginx, 10.0.0.0/33" (một số proxy như 1, "loopback", hoặc danh sách địa chỉ IP/CIDR cách nhau bởi dấu phẩy; sai: nginx, 10.0.0.0/33)',
    ]);
  });

  it('runs several API processes only on PostgreSQL with Redis', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(problemsOf({ WORKERS: '0' })).toEqual(['WORKERS không hợp lệ: "0" (phải là số nguyên từ 1 đến 64)']);
    expect(problemsOf({ WORKERS: '2' })).toEqual([
      'WORKERS=2 không dùng được với cơ sở dữ liệu nhúng PGlite (chỉ một tiến trình được mở thư mục dữ liệu): đặt DATABASE_URL tới PostgreSQL, hoặc WORKERS=1',
    ]);
    expect(problemsOf({ WORKERS: '2', DATABASE_URL: 'postgres://h/db' })).toEqual([
      'WORKERS=2 cần REDIS_URL: các tiến trình API chia sẻ sự kiện trực tiếp và việc làm mới bộ nhớ đệm qua Redis',
    ]);
    expect(loadConfig({ WORKERS: '2', DATABASE_URL: 'postgres://h/db', REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(2);
  });

  it('refuses to start in production without the hashing key, the signing key and the public URL, naming all three', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'Thiếu NATIONAL_ID_HASH_KEY: bắt buộc khi NODE_ENV=production (khoá bí mật băm số CCCD, ví dụ `openssl rand -hex 32`)',
      'Thiếu BADGE_SIGNING_KEY: bắt buộc khi NODE_ENV=production (khoá Ed25519 PKCS#8 PEM, tạo bằng `openssl genpkey -algorithm ed25519`)',
      'Thiếu PUBLIC_URL: bắt buộc khi NODE_ENV=production (địa chỉ công khai, ví dụ https://thidua.example.vn)',
    ]);
    const config = loadConfig(PRODUCTION);
    expect(config).toMatchObject({ production: true, publicUrl: 'https://thidua.example.vn', demoData: false });
    // outside production the development keys stand in
    expect(problemsOf({})).toEqual([]);
  });

  it('creates demo data in production only when DEMO_DATA=1 says so', () => {
    expect(loadConfig({ ...PRODUCTION }).demoData).toBe(false);
    expect(loadConfig({ ...PRODUCTION, DATABASE_URL: 'postgres://h/db' }).demoData).toBe(false);
    expect(loadConfig({ ...PRODUCTION, DEMO_DATA: '1' }).demoData).toBe(true);
  });

  it('reports every bad setting at once, one line each', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'x', DEMO_DATA: 'maybe', SESSION_DAYS: '0', WORKERS: 'two' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'DEMO_DATA', 'SESSION_DAYS', 'WORKERS']);
    expect(error!.message.split('\n')).toHaveLength(4);
  });
});
