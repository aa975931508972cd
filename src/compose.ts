import { join } from 'node:path';
import type { Config, ResolvedConfig } from './config.ts';
import type { Database } from './infra/db/database.ts';
import { createHttpApp, type HttpApp } from './infra/http/app.ts';
import type { AppDeps } from './infra/http/context.ts';
import { SurfaceRouter } from './infra/http/router.ts';
import type { JobRunner } from './infra/jobs/runner.ts';
import type { Logger } from './infra/log.ts';
import { createDevOutbox } from './infra/messaging/dev-outbox.ts';
import type { MarketingEmailSender, Messaging } from './infra/messaging/ports.ts';
import { StartupError } from './infra/startup-error.ts';
import { createResendSender } from './infra/messaging/resend.ts';
import { createDiskBlobStore } from './infra/storage/disk-blob-store.ts';
import { createFileStore } from './infra/storage/file-store.ts';
import { registerAuditRoutes } from './modules/audit/routes.tsx';
import { registerBreakGlassRoutes } from './modules/break-glass/routes.tsx';
import { registerFormFillRoutes } from './modules/forms/fill.routes.tsx';
import { registerClientMergeRoutes } from './modules/clients/merge.routes.tsx';
import { registerClientRecordRoutes } from './modules/clients/routes.tsx';
import { registerAppointmentRoutes } from './modules/scheduling/appointments.routes.tsx';
import { registerBlockRoutes } from './modules/scheduling/blocks.routes.tsx';
import { registerClientSearchRoutes } from './modules/clients/search.routes.tsx';
import { registerConsoleRoutes } from './modules/console/routes.ts';
import { registerDevtoolsRoutes } from './modules/devtools/routes.tsx';
import { loadPrincipal, operatorGuard } from './modules/identity/guard.ts';
import { registerAccountRoutes } from './modules/identity/account.routes.tsx';
import { registerInvitationRoutes } from './modules/identity/invitation.routes.tsx';
import { registerPolicyNoticeRoutes } from './modules/identity/policy-notices.routes.tsx';
import { registerPasswordResetRoutes } from './modules/identity/password-reset.routes.tsx';
import { registerRoleRoutes } from './modules/identity/roles.routes.tsx';
import { registerSessionRoutes } from './modules/identity/session.routes.ts';
import { registerSettingsRoutes } from './modules/identity/settings.routes.tsx';
import { registerSpaLogoRoutes } from './modules/identity/logo/logo.routes.tsx';
import { registerStaffRoutes } from './modules/identity/staff.routes.tsx';
import { registerSignInRoutes } from './modules/identity/sign-in.routes.tsx';
import { registerMarketingRoutes } from './modules/marketing/routes.tsx';
import { registerTenancyRoutes } from './modules/tenancy/routes.tsx';
import { registerLocationRoutes } from './modules/tenancy/locations.routes.tsx';
import { registerServiceRoutes } from './modules/scheduling/services.routes.tsx';
import { registerScheduleRoutes } from './modules/scheduling/schedules.routes.tsx';
import { registerCalendarRoutes } from './modules/scheduling/calendar.routes.tsx';
import { registerPhotoRoutes } from './modules/charting/photos/photos.routes.tsx';
import { registerChartRoutes } from './modules/charting/charts.routes.tsx';
import { registerFormRoutes } from './modules/forms/forms.routes.tsx';
import { registerSignedFormRoutes } from './modules/forms/signed-form.routes.tsx';
import { registerKioskRoutes } from './modules/kiosk/kiosk.routes.tsx';

export interface ComposeOptions {
  config: ResolvedConfig;
  db: Database;
  log: Logger;
  jobs: Pick<JobRunner, 'send'>;
  now?: () => Date;
}

/** Wires the providers and every module's routes into one app (used by main and by the tests). */
export function composeApp(options: ComposeOptions): { deps: AppDeps; http: HttpApp } {
  const { config, db } = options;
  const deps: AppDeps = {
    config,
    db,
    log: options.log,
    messaging: { ...phiMessaging(config, db), marketingEmail: marketingEmailSender(config, db) },
    files: createFileStore({ blobs: createDiskBlobStore(join(config.dataDir, 'files')), masterKey: config.masterKey }),
    jobs: options.jobs,
    now: options.now ?? (() => new Date()),
  };

  const marketing = new SurfaceRouter('marketing');
  registerMarketingRoutes(marketing, deps);
  if (devOutboxEnabled(config, db)) registerDevtoolsRoutes(marketing);

  const spa = new SurfaceRouter('spa');
  spa.use(loadPrincipal);
  spa.useAccessGuard(operatorGuard);
  registerSignInRoutes(spa);
  registerSessionRoutes(spa);
  registerTenancyRoutes(spa);
  registerStaffRoutes(spa);
  registerRoleRoutes(spa);
  registerSettingsRoutes(spa);
  registerSpaLogoRoutes(spa);
  registerAccountRoutes(spa);
  registerInvitationRoutes(spa);
  registerPasswordResetRoutes(spa);
  registerAuditRoutes(spa);
  registerPolicyNoticeRoutes(spa);
  registerClientMergeRoutes(spa);
  registerBreakGlassRoutes(spa);
  registerClientSearchRoutes(spa);
  registerLocationRoutes(spa);
  registerServiceRoutes(spa);
  registerScheduleRoutes(spa);
  registerAppointmentRoutes(spa);
  registerBlockRoutes(spa);
  registerCalendarRoutes(spa);
  registerPhotoRoutes(spa);
  registerChartRoutes(spa);
  registerFormRoutes(spa);
  registerKioskRoutes(spa);
  registerFormFillRoutes(spa);
  // After the forms' fixed paths: /clients/:id/forms/:formId must not take /clients/:id/forms/<word>.
  registerSignedFormRoutes(spa);
  // Last: /clients/:id must not take the fixed paths (/clients/new, /clients/search) above it.
  registerClientRecordRoutes(spa);

  const console = new SurfaceRouter('console');
  registerConsoleRoutes(console);

  return { deps, http: createHttpApp(deps, [marketing, spa, console]) };
}

/**
 * PHI email and SMS. Only the dev outbox exists in this build: the SES and Twilio
 * adapters come with the messaging module, and until then `MESSAGING=providers`
 * (required in production) refuses to start rather than keep PHI in a table.
 */
function phiMessaging(config: Config, db: Database): Omit<Messaging, 'marketingEmail'> {
  if (config.messaging === 'providers') {
    throw new StartupError('MESSAGING=providers is not available yet: the SES (PHI email) and Twilio (SMS) adapters are not part of this build. Use MESSAGING=outbox outside production.');
  }
  const { phiEmail, sms } = createDevOutbox(db);
  return { phiEmail, sms };
}

/** Lumè's own (never PHI) email: Resend when RESEND_API_KEY is set, else the dev outbox. Used by the app and the job runner. */
export function marketingEmailSender(config: Config, db: Database): MarketingEmailSender {
  return config.resend
    ? createResendSender({ apiKey: config.resend.apiKey, apiUrl: config.resend.apiUrl, from: config.marketingEmail.from })
    : createDevOutbox(db).marketingEmail;
}

/** The dev outbox page exists only on the embedded database, outside production. */
export function devOutboxEnabled(config: Config, db: Database): boolean {
  return !config.production && config.messaging === 'outbox' && db.kind === 'embedded';
}
