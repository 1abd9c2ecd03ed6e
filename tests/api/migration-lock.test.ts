import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, queryRows, sql, type Database } from '@thidua/db';
import { openConfiguredDatabase } from '@thidua/api/src/bootstrap';
import { QUESTION_BANK } from '@thidua/api/src/modules/quizzes/question-bank';
import { STARTING_BADGES } from '@thidua/domain';
import { emptyPostgresDatabase, testConfig } from '../support/harness';

/*
 * Several API processes starting at once on a fresh database (a deployment with WORKERS, or two
 * hosts): migrations and the reference data are applied once, under a PostgreSQL advisory lock,
 * and every process starts. Without the lock the migrators race (CREATE … fails with "already
 * exists") and the units are inserted twice (duplicate key).
 */

const POSTGRES = !!process.env.DATABASE_URL?.trim();
if (!POSTGRES) console.warn('[migration-lock.test] SKIPPED: needs PostgreSQL (set DATABASE_URL); PGlite has one process per data directory by construction.');

const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };

describe.runIf(POSTGRES)('first start of several processes on an empty PostgreSQL database', () => {
  let fresh: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  const opened: Database[] = [];

  beforeAll(async () => {
    fresh = await emptyPostgresDatabase();
  });
  afterAll(async () => {
    for (const d of opened) await d.close().catch(() => {});
    await fresh?.drop();
  });

  it('migrates and loads the reference data once, and every process opens the database', async () => {
    const config = testConfig({ DATABASE_URL: fresh.url, DATABASE_POOL_SIZE: '2' });
    // three pools, as three processes would have
    const results = await Promise.allSettled([openConfiguredDatabase(config), openConfiguredDatabase(config), openConfiguredDatabase(config)]);
    for (const r of results) if (r.status === 'fulfilled') opened.push(r.value);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);

    const check = await openDatabase({ url: fresh.url, max: 1 });
    try {
      const migrations = await queryRows<{ hash: string; n: number }>(check.db, sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`);
      expect(migrations).toHaveLength(journal.entries.length);
      expect(migrations.every((m) => m.n === 1)).toBe(true);
      const [counts] = await queryRows<{ units: number; provinces: number; communes: number; questions: number; badges: number }>(
        check.db,
        sql`select (select count(*)::int from units) as units,
                   (select count(*)::int from units where kind = 'PROVINCE') as provinces,
                   (select count(*)::int from units where kind = 'COMMUNE') as communes,
                   (select count(*)::int from quiz_questions) as questions,
                   (select count(*)::int from badges) as badges`,
      );
      expect(counts).toEqual({ units: 1 + 34 + 3321, provinces: 34, communes: 3321, questions: QUESTION_BANK.length, badges: STARTING_BADGES.length });
    } finally {
      await check.close();
    }
  });

  it('a later start finds nothing to do and changes nothing', async () => {
    const config = testConfig({ DATABASE_URL: fresh.url, DATABASE_POOL_SIZE: '2' });
    const again = await openConfiguredDatabase(config);
    opened.push(again);
    const [row] = await queryRows<{ migrations: number; units: number }>(
      again.db,
      sql`select (select count(*)::int from drizzle.__drizzle_migrations) as migrations, (select count(*)::int from units) as units`,
    );
    expect(row).toEqual({ migrations: journal.entries.length, units: 1 + 34 + 3321 });
  });
});
