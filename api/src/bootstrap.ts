import { loadReferenceUnits, openDatabase, type Database } from '@thidua/db';
import type { Config } from './config';
import { loadBadgeDefinitions } from './modules/badges/badges.queries';
import { loadQuestionBank } from './modules/quizzes/question-bank.loader';

/**
 * Opens the configured database, applies migrations and loads the reference data (units, question
 * bank, badges). Each loader is a no-op on a database that already has its rows (one cheap query
 * each), and all of it runs under the migration lock, so processes starting together on an empty
 * database do not load twice.
 */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = config.databaseUrl ? await openDatabase({ url: config.databaseUrl, max: config.databasePoolSize, readPool: config.databaseReadPoolSize, ...config.databaseTimeouts }) : await openDatabase({ dataDir: config.dataDir });
  try {
    await database.migrate(async (db) => {
      await loadReferenceUnits(db);
      await loadQuestionBank(db);
      await loadBadgeDefinitions(db);
    });
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}
