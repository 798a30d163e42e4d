/** Text and data from the dataset made safe inside the page's HTML and its <script> elements. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (a dataset path the user chose, a category name) safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON safe inside a <script> element: with every `<` escaped, no `</script>` or `<!--` in the data (a category or
 * path may hold one) can end the element early. U+2028/2029 are escaped too, for older parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script's text safe inside a <script> element: `</script` only appears in ECharts' strings, where `<\/` is the same. */
export const scriptText = (source: string): string => source.replace(/<\/(script)/gi, '<\\/$1');
