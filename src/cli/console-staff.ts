import { parseArgs } from 'node:util';
import { loadConfig, originFor } from '../config.ts';
import { withDevSecrets } from '../infra/dev-secrets.ts';
import { StartupError } from '../infra/startup-error.ts';
import { openDatabaseForCli } from './open-for-cli.ts';
import { ONE_TIME_PASSWORD_TTL_MS } from '../modules/console/sign-in.ts';
import { addStaffFromCommandLine } from '../modules/console/staff.ts';
import { newStaffSchema } from '../modules/console/staff-forms.ts';

/**
 * `npm run console:add-staff -- --email sam@lume.com --name "Sam Lee" --role admin`: adds a Lumè
 * staff account to the console — the way to create the first admin. It prints a password once;
 * the person signs in at admin.<apex>/login with it within 7 days, chooses their own, and sets up
 * an authenticator app. Later accounts can be added from the console's Lumè staff page.
 */
const USAGE = 'usage: npm run console:add-staff -- --email <email> --name "<full name>" --role <support|compliance|admin>';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const parsed = newStaffSchema.safeParse({ email: args.email ?? '', full_name: args.name ?? '', role: args.role ?? '' });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path[0] === 'full_name' ? 'name' : String(issue.path[0])}: ${issue.message}`);
    console.error(USAGE);
    return 1;
  }

  const config = withDevSecrets(loadConfig());
  const opened = await openDatabaseForCli(config, 'console:add-staff');
  if (!opened) return 1;
  const { db, close } = opened;
  try {
    const migrated = await db.ownerQuery<{ ok: boolean }>(`SELECT to_regclass('public.console_staff') IS NOT NULL AS ok`);
    if (!migrated.rows[0]?.ok) {
      console.error('This database has no console tables yet: run `npm run db:migrate` (or start Lumè once) first.');
      return 1;
    }
    const { email, full_name: fullName, role } = parsed.data;
    const result = await addStaffFromCommandLine(db, { email, fullName, role }, new Date());
    if (!result.ok) {
      console.error(result.message);
      return 1;
    }
    const days = ONE_TIME_PASSWORD_TTL_MS / 86_400_000;
    console.log(
      [
        '',
        `  Added ${fullName} <${email}> to the Lumè console as ${role}.`,
        '',
        `  One-time password (shown only now; it works for ${days} days and must be replaced at the first sign-in):`,
        '',
        `      ${result.password}`,
        '',
        `  Sign in at ${originFor(config, 'admin')}/login — the first sign-in also sets up an authenticator app.`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof StartupError ? error.message : `console:add-staff failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
