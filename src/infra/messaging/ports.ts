/**
 * The messaging ports (MSG-1). PHI email, marketing email and SMS are separate
 * ports so that marketing can never be sent through the PHI path or the other
 * way round (MKT-2, SEC-7): a caller holds only the sender it needs.
 */

/** A file sent with an email (a signed form's PDF). */
export interface EmailAttachment {
  /** The name the recipient sees: no PHI beyond what the message itself may carry. */
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** Email that may carry PHI (AWS SES v2 under a BAA in production). */
export interface PhiEmailSender {
  send(msg: { to: string; subject: string; text: string; html?: string; spaSlug: string; attachments?: readonly EmailAttachment[] }): Promise<{ id: string }>;
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
