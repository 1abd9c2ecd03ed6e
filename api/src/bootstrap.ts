import { loadReferenceUnits, openDatabase, type Database } from '@thidua/db';
import type { Config } from './config';
import { loadBadgeDefinitions } from './modules/badges/badges.queries';
import { loadQuestionBank } from './modules/quizzes/question-bank.loader';

/** Opens the configured database, applies migrations and loads the reference units. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = config.databaseUrl ? await openDatabase({ url: config.databaseUrl, max: config.databasePoolSize }) : await openDatabase({ dataDir: config.dataDir });
  await database.migrate();
  await loadReferenceUnits(database.db);
  await loadQuestionBank(database.db);
  await loadBadgeDefinitions(database.db);
  return database;
}
