/**
 * Every job queue Lumè uses. Queues are created by the migrator (as the owner),
 * because pg-boss creates a table per queue and the app role creates no tables.
 */
export const QUEUES = [
  'platform.rate-limit-sweep',
  'audit.seal',
  'audit.partitions',
  'marketing.demo-email',
  'marketing.demo-email-sweep',
  'marketing.demo-retention',
] as const;

export type QueueName = (typeof QUEUES)[number];
