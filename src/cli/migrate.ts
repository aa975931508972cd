import { loadConfig } from '../config.ts';
import { StartupError } from '../infra/startup-error.ts';
import { migrate, setRolePasswords } from '../infra/db/migrate.ts';
import { openDatabase } from '../infra/db/open.ts';
import { assertOwnerBypassesRls } from '../infra/db/owner-check.ts';
import { installJobSchema } from '../infra/jobs/runner.ts';

/** `npm run db:migrate`: migrates whatever DATABASE_URL points at (or the embedded database) and exits. */
try {
  const config = loadConfig();
  const { db, close } = await openDatabase(config);
  try {
    if (db.kind === 'postgres') await assertOwnerBypassesRls(db);
    const { applied } = await migrate(db);
    await installJobSchema(db);
    await setRolePasswords(db, { app: config.dbAppPassword, console: config.dbConsolePassword });
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await close();
  }
} catch (error) {
  console.error(error instanceof StartupError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
