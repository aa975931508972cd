/** Page layouts, in one import: `import { CrmLayout } from '../../ui/layouts.tsx'`. */
export { Document, htmxConfig } from './layouts/document.tsx';
export type { DocumentProps } from './layouts/document.tsx';
export { MarketingLayout, Wordmark } from './layouts/marketing-layout.tsx';
export type { MarketingAnalytics, MarketingLayoutProps } from './layouts/marketing-layout.tsx';
export { AuthLayout } from './layouts/auth-layout.tsx';
export type { AuthLayoutProps } from './layouts/auth-layout.tsx';
export { CrmLayout } from './layouts/crm-layout.tsx';
export type { CrmLayoutProps } from './layouts/crm-layout.tsx';
export { ConsoleLayout } from './layouts/console-layout.tsx';
export type { ConsoleLayoutProps } from './layouts/console-layout.tsx';
export type { NavItem } from './layouts/app-shell.tsx';
export { ErrorPage } from './layouts/error-page.tsx';
export type { ErrorPageProps } from './layouts/error-page.tsx';
