/**
 * The one script every page loads. htmx reads its settings from the
 * <meta name="htmx-config"> tag in the document head (no eval, no injected styles,
 * same-origin requests only). Small islands (signature pad, calendar, charts) are added
 * here as they are built; nothing is exposed on window.
 */
import 'htmx.org';
