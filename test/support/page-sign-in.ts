import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo-staff.ts';
import { totpCodeAt } from '../../src/modules/identity/security/totp.ts';
import type { TestApp } from './harness.ts';

/**
 * Signs operators in through the real pages of a live app, enrolling their
 * authenticator the first time and remembering its key. Each sign-in moves the
 * app clock one time step forward, so no code is ever used twice.
 */
export class PageSignIn {
  private readonly secrets = new Map<string, string>();

  constructor(private readonly app: TestApp) {}

  async operator(page: Page, origin: string, email: string): Promise<void> {
    this.app.clock.now = new Date(this.app.clock.now.getTime() + 30_000);
    await page.goto(`${origin}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/login\/(enrol|totp)$/);
    if (page.url().endsWith('/login/enrol')) {
      this.secrets.set(email, (await page.locator('.enrol__secret').textContent())!.replaceAll(/\s/g, ''));
      await page.getByLabel('Authentication code').fill(totpCodeAt(this.secrets.get(email)!, this.app.clock.now));
      await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
      await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
      await page.getByRole('link', { name: /saved them/ }).click();
    } else {
      await page.getByLabel('Authentication code').fill(totpCodeAt(this.secrets.get(email)!, this.app.clock.now));
      await page.getByRole('button', { name: 'Verify' }).click();
    }
    await page.waitForURL(`${origin}/`);
  }

  /** The operator's next authenticator code, as their phone would show it (the clock moves one step, so it is unused). */
  nextCode(email: string): string {
    this.app.clock.now = new Date(this.app.clock.now.getTime() + 30_000);
    return totpCodeAt(this.secrets.get(email)!, this.app.clock.now);
  }
}
