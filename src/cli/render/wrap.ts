/** Text laid out for a terminal: words wrapped to its width, continuation lines indented. */

/** The width to wrap printed text to: the terminal's, else $COLUMNS, else 100 (a pipe, a file, a CI log). */
export function terminalWidth(stream: { readonly columns?: number; readonly isTTY?: boolean } = process.stdout): number {
  if (stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  const given = Number(process.env.COLUMNS);
  return Number.isSafeInteger(given) && given > 0 ? given : 100;
}

/** Characters as a terminal counts them (code points, not UTF-16 units). */
function widthOf(text: string): number {
  return [...text].length;
}

/**
 * `text` wrapped to `width` columns: the first line after `first` (its own indent or label), the rest after
 * `indent` spaces. A word longer than a line is cut, so no line is ever wider than `width`.
 */
export function wrap(text: string, width: number, indent: number, first = ' '.repeat(indent)): string[] {
  const room = Math.max(10, width - indent);
  const lines: string[] = [];
  // A label too wide to leave room for words stands on a line of its own.
  const alone = widthOf(first) > width - 10;
  if (alone) lines.push(first.trimEnd());
  let line = alone ? ' '.repeat(indent) : first;
  let lineRoom = alone ? room : width - widthOf(first);
  let used = 0;
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let rest = word;
    while (widthOf(rest) > 0) {
      const needed = widthOf(rest) + (used > 0 ? 1 : 0);
      if (needed <= lineRoom - used) {
        line += `${used > 0 ? ' ' : ''}${rest}`;
        used += needed;
        rest = '';
      } else if (used > 0) {
        lines.push(line);
        line = ' '.repeat(indent);
        lineRoom = room;
        used = 0;
      } else {
        // A word wider than a whole line (a long path or SQL expression): cut it.
        const cut = [...rest].slice(0, lineRoom).join('');
        lines.push(line + cut);
        rest = rest.slice(cut.length);
        line = ' '.repeat(indent);
        lineRoom = room;
      }
    }
  }
  if (used > 0 || (lines.length === 0 && !alone)) lines.push(line.trimEnd());
  return lines;
}
