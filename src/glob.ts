// Globs (the config's `ignore`) as regular expressions over `/`-separated relative paths.

/**
 * A glob as a RegExp over `/`-separated relative paths: `*` and `?` stay within a
 * segment, `**` spans segments, `{a,b}` alternates, `[...]` is a class. A glob
 * without `/` matches a name at any depth (like .gitignore).
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (!g) throw new Error('empty pattern');
  if (g.endsWith('/')) g = g.slice(0, -1) + '/**';
  const anyDepth = !g.includes('/') || g.startsWith('**/');
  if (g.startsWith('/')) g = g.slice(1);
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slashAfter = g[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) throw new Error('unclosed [');
      const body = g
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      re += `[${body}]`;
      i = end;
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  if (braces) throw new Error('unclosed {');
  return new RegExp(`^${anyDepth && !g.startsWith('**/') ? '(?:.*/)?' : ''}${re}$`);
}
