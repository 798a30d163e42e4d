/** Names as they appear in email addresses and user names: lower-case ASCII letters, umlauts spelt out. */
const SPELLED: Readonly<Record<string, string>> = {
  ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

/** `Müller` -> `mueller`, `Côté` -> `cote`, `O'Brien` -> `obrien`. */
export function emailToken(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äöüßæœøłđðþı]/g, (c) => SPELLED[c] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');
}

/** A name spelt without accents, as immigrants' names usually are in English-speaking countries: `Łukasz` -> `Lukasz`. */
export function plainLatin(name: string): string {
  return name
    .replace(/[łŁıđĐøØ]/g, (c) => ({ ł: 'l', Ł: 'L', ı: 'i', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O' })[c] ?? c)
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
}
