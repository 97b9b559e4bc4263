/**
 * Wraps text at word boundaries to `width` columns, every line after the first indented by
 * `indent` spaces (the first line's prefix is the caller's). Line breaks in the text are kept;
 * a word longer than a line is split, since it cannot fit otherwise.
 */
export function wrapText(text: string, width: number, indent = 0): string {
  const room = Math.max(10, width - indent);
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > room) {
        if (line) out.push(line);
        out.push(word.slice(0, room));
        word = word.slice(room);
        line = '';
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= room) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out.map((l, i) => (i === 0 ? l : l ? pad + l : l)).join('\n');
}
