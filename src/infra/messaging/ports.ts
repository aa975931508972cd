/**
 * The messaging ports (MSG-1). PHI email, marketing email and SMS are separate
 * ports so that marketing can never be sent through the PHI path or the other
 * way round (MKT-2, SEC-7): a caller holds only the sender it needs.
 */

/** Email that may carry PHI (AWS SES v2 under a BAA in production). */
export interface PhiEmailSender {
  send(msg: { to: string; subject: string; text: string; html?: string; spaSlug: string }): Promise<{ id: string }>;
}

/** Lumè's own marketing email (Resend); never carries PHI, so it has no spa. */
export interface MarketingEmailSender {
  /** `idempotencyKey` names the message: a retry with the same key is not sent twice (Resend keeps keys 24 hours). */
  send(msg: { to: string; subject: string; text: string; idempotencyKey?: string }): Promise<{ id: string }>;
}

/** Text messages to clients (Twilio in production). */
export interface SmsSender {
  send(msg: { to: string; body: string; spaSlug: string }): Promise<{ id: string }>;
}

export interface Messaging {
  phiEmail: PhiEmailSender;
  marketingEmail: MarketingEmailSender;
  sms: SmsSender;
}
