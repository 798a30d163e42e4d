/**
 * Email domains per locale with their share of personal addresses, in percent. No statistics office publishes these:
 * they are an estimate from published mailbox-provider market shares (gmail leads everywhere; the national providers
 * gmx.de, web.de, t-online.de, orange.fr, free.fr, btinternet.com, bigpond.com keep large shares at home).
 */
import type { LocaleCode } from '../../model/locales.js';
import type { Shares } from './surnames.js';

export const EMAIL_DOMAINS: Record<LocaleCode, Shares> = {
  en_US: [
    ['gmail.com', 46], ['yahoo.com', 14], ['icloud.com', 8], ['hotmail.com', 7], ['outlook.com', 6], ['aol.com', 5],
    ['comcast.net', 3], ['sbcglobal.net', 2], ['att.net', 2], ['msn.com', 2], ['live.com', 2], ['verizon.net', 1],
    ['me.com', 1], ['ymail.com', 1],
  ],
  en_GB: [
    ['gmail.com', 38], ['hotmail.co.uk', 14], ['outlook.com', 9], ['yahoo.co.uk', 8], ['icloud.com', 8],
    ['btinternet.com', 6], ['hotmail.com', 5], ['live.co.uk', 4], ['sky.com', 3], ['googlemail.com', 2],
    ['virginmedia.com', 2], ['aol.co.uk', 1],
  ],
  de: [
    ['gmail.com', 24], ['gmx.de', 22], ['web.de', 21], ['t-online.de', 11], ['gmx.net', 5], ['yahoo.de', 4],
    ['outlook.de', 3], ['hotmail.de', 3], ['icloud.com', 3], ['freenet.de', 2], ['outlook.com', 2],
  ],
  fr: [
    ['gmail.com', 38], ['orange.fr', 16], ['hotmail.fr', 12], ['free.fr', 8], ['yahoo.fr', 7], ['laposte.net', 5],
    ['sfr.fr', 5], ['outlook.fr', 3], ['wanadoo.fr', 3], ['icloud.com', 2], ['live.fr', 1],
  ],
  en_CA: [
    ['gmail.com', 45], ['hotmail.com', 15], ['yahoo.ca', 7], ['outlook.com', 6], ['icloud.com', 6], ['shaw.ca', 4],
    ['rogers.com', 4], ['live.ca', 3], ['sympatico.ca', 3], ['bell.net', 3], ['telus.net', 2], ['videotron.ca', 2],
  ],
  en_AU: [
    ['gmail.com', 42], ['bigpond.com', 12], ['hotmail.com', 11], ['icloud.com', 8], ['outlook.com', 7],
    ['yahoo.com.au', 7], ['optusnet.com.au', 4], ['live.com.au', 3], ['bigpond.net.au', 2], ['iinet.net.au', 2],
    ['tpg.com.au', 1], ['internode.on.net', 1],
  ],
};

/** Every domain once, in a fixed order: a domain's index here is its id (emailAddress.ts keys the scramble by it). */
export const ALL_DOMAINS: readonly string[] = [...new Set(Object.values(EMAIL_DOMAINS).flatMap((shares) => shares.map(([d]) => d)))];

/** Domains more than one locale uses: an address there says nothing about the country, so its number must. */
export const SHARED_DOMAINS: ReadonlySet<string> = new Set(
  ALL_DOMAINS.filter((domain) => Object.values(EMAIL_DOMAINS).filter((shares) => shares.some(([d]) => d === domain)).length > 1),
);
