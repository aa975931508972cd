/**
 * Password strength estimate (zxcvbn-ts, English + common dictionaries), built lazily
 * on first use because building its dictionaries takes a few hundred milliseconds.
 *
 * The estimator is synchronous CPU work. Left at its defaults, crafted 128-character
 * inputs took over half a second each, so it is capped: only the first 64 characters
 * are scored (the length rule has already seen the whole password, and scoring a
 * prefix can only under-rate it) and leet-speak substitutions are capped at 8.
 */
import { createRequire } from 'node:module';
import type { ZxcvbnFactory as Factory } from '@zxcvbn-ts/core';

type Core = typeof import('@zxcvbn-ts/core');
type CommonPack = typeof import('@zxcvbn-ts/language-common');
type EnglishPack = typeof import('@zxcvbn-ts/language-en');

export interface StrengthEstimate {
  /** 0 (trivial) to 4 (very hard to guess). */
  score: number;
  /** zxcvbn's plain-English explanation, when it has one. */
  warning: string | null;
}

let estimator: Factory | undefined;

function build(): Factory {
  // require() keeps loading synchronous and deferred; the packages ship CommonJS builds.
  const require = createRequire(import.meta.url);
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as Core;
  const common = require('@zxcvbn-ts/language-common') as CommonPack;
  const english = require('@zxcvbn-ts/language-en') as EnglishPack;
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: 64,
    l33tMaxSubstitutions: 8,
  });
}

/** Builds the estimator now (e.g. at boot) so the first password change does not pay for it. */
export function preloadStrengthEstimator(): void {
  estimator ??= build();
}

export function estimateStrength(password: string, userInputs: string[]): StrengthEstimate {
  estimator ??= build();
  const result = estimator.check(password, userInputs);
  return { score: result.score, warning: result.feedback.warning || null };
}
