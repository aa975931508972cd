import type { JobRunner } from '../../infra/jobs/runner.ts';
import { deliverDemoRequest, purgeExpiredDemoRequests, requeueUnsentDemoRequests, type DeliveryDeps, type DemoEmailJob } from './demo-requests.ts';

/** The marketing site's background work: the demo-request email, its sweep, and retention. */
export async function registerMarketingJobs(jobs: JobRunner, deps: DeliveryDeps): Promise<void> {
  await jobs.work<DemoEmailJob>('marketing.demo-email', async (data) => {
    await deliverDemoRequest(deps, String(data?.id ?? ''));
  });
  await jobs.work('marketing.demo-email-sweep', async () => {
    const requeued = await requeueUnsentDemoRequests(deps.db, jobs);
    if (requeued.length) deps.log.warn({ requeued: requeued.length, ids: requeued }, 'unsent demo request emails queued again');
  });
  await jobs.schedule('marketing.demo-email-sweep', '*/15 * * * *');
  await jobs.work('marketing.demo-retention', async () => {
    await purgeExpiredDemoRequests(deps.db, deps.log);
  });
  await jobs.schedule('marketing.demo-retention', '29 4 * * *');
}
