/** The most ids one job takes (the server's Enrichment:MaxJobSize default). */
export const MaxIds = 50_000;

/**
 * The profile ids in pasted text or an uploaded file: one per line, or a CSV/TSV whose header names
 * the id column (the first column when no header names it). Blank lines are skipped; the server
 * reports invalid and repeated ids itself.
 */
export function parseIds(text, column = 'id') {
  const lines = text.split(/\r?\n/).map(line => line.trim()).filter(line => line.length > 0);
  if (lines.length === 0) {
    return [];
  }
  const separator = [',', '\t', ';'].find(candidate => lines[0].includes(candidate));
  if (!separator) {
    return lines.flatMap(line => line.split(/\s+/));
  }
  const header = splitRow(lines[0], separator).map(cell => cell.toLowerCase());
  const named = header.indexOf(column.trim().toLowerCase());
  const index = named >= 0 ? named : 0;
  const rows = named >= 0 || looksLikeHeader(header) ? lines.slice(1) : lines;
  return rows.map(line => splitRow(line, separator)[index] ?? '').filter(id => id.length > 0);
}

function looksLikeHeader(cells) {
  return cells.some(cell => /^(id|profile_?id|profileid)$/.test(cell));
}

// Enough of RFC 4180 for an id column: quoted cells with doubled quotes.
function splitRow(line, separator) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (char === '"') { quoted = false; }
      else { cell += char; }
    } else if (char === '"') {
      quoted = true;
    } else if (char === separator) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}
