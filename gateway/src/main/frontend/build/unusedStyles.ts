import type { Plugin } from 'vite';

/**
 * Ant Design's static stylesheet (antd/dist/antd.css, one file for every component) is the first screen's largest
 * asset, and the browser parses all of it before it draws anything. The components the application never draws
 * are cut out of it at build time, and the build fails if one of them is used after all: a removed component's
 * styles would be missing silently, so the list is checked against the bundle, not trusted.
 */
interface Unused {
  /** The folder of antd/es/ the component lives in. */
  readonly folder: string;
  /** The class prefixes of its styles (after "ant-"), where they differ from the folder's name. */
  readonly classes?: readonly string[];
}

const UNUSED: readonly Unused[] = [
  { folder: 'affix' },
  { folder: 'anchor' },
  { folder: 'avatar' },
  { folder: 'back-top' },
  { folder: 'breadcrumb' },
  { folder: 'calendar', classes: ['picker-calendar'] },
  { folder: 'carousel' },
  { folder: 'cascader' },
  { folder: 'collapse' },
  { folder: 'color-picker' },
  { folder: 'divider' },
  { folder: 'float-button', classes: ['float-btn'] },
  { folder: 'image' },
  { folder: 'masonry' },
  { folder: 'mentions' },
  { folder: 'qr-code', classes: ['qrcode'] },
  { folder: 'rate' },
  { folder: 'slider' },
  { folder: 'splitter' },
  { folder: 'tour' },
  { folder: 'transfer' },
  { folder: 'tree-select', classes: ['select-tree', 'tree-select'] },
];

const STYLESHEET = /node_modules\/antd\/dist\/antd\.css$/;

export function unusedStyles(unused: readonly Unused[] = UNUSED): Plugin {
  const prefixes = unused.flatMap((u) => u.classes ?? [u.folder]);
  const folders = new Set(unused.map((u) => u.folder));
  const removed = (selector: string) => {
    // A selector is the component's when its first Ant Design class is: ".ant-slider-handle:hover", not ".ant-form .ant-slider".
    const first = /\.ant-([a-z0-9-]+)/.exec(selector)?.[1];
    return first !== undefined && prefixes.some((p) => first === p || first.startsWith(`${p}-`));
  };
  return {
    name: 'mcu-unused-styles',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!STYLESHEET.test(id.split('?')[0]!)) return null;
      return { code: prune(code, removed), map: null };
    },
    generateBundle(_options, bundle) {
      // A removed component is drawn when its own module (index.js or its PascalCase files, not its helpers that
      // others borrow: Tooltip and Tag read the colour picker's colour functions) is in the bundle with code in it.
      const component = /node_modules\/antd\/es\/([a-z-]+)\/(?:index|[A-Z][A-Za-z]*)\.js$/;
      const used = new Set<string>();
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const [id, module] of Object.entries(output.modules)) {
          const folder = component.exec(id.replaceAll('\\', '/'))?.[1];
          if (folder && folders.has(folder) && module.renderedLength > 0) used.add(folder);
        }
      }
      if (used.size > 0) {
        this.error(`antd components ${[...used].sort().join(', ')} are used, but their styles are cut out of antd.css: `
            + 'take them off the list in build/unusedStyles.ts');
      }
    },
  };
}

/** The stylesheet without the rules whose every selector is removed; at-rules that hold rules (@media, @layer…) are pruned inside. */
export function prune(css: string, removed: (selector: string) => boolean): string {
  let out = '';
  let at = 0;
  while (at < css.length) {
    const open = scan(css, at, '{;}');
    if (open < 0) {
      out += css.slice(at);
      break;
    }
    const head = css.slice(at, open);
    if (css[open] !== '{') {
      out += css.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    const close = matching(css, open);
    const body = css.slice(open + 1, close);
    const prelude = head.trim();
    if (prelude.startsWith('@')) {
      if (/^@(media|supports|layer|container)\b/.test(prelude)) {
        const inner = prune(body, removed);
        if (inner.trim() !== '') out += `${head}{${inner}}`;
      } else {
        out += `${head}{${body}}`;
      }
    } else if (!selectors(prelude).every(removed)) {
      out += `${head}{${body}}`;
    }
    at = close + 1;
  }
  return out;
}

/** The position of the first of the characters outside strings, comments and brackets, or -1. */
function scan(css: string, from: number, wanted: string): number {
  let depth = 0;
  for (let i = from; i < css.length; i++) {
    const c = css[i]!;
    if (c === '"' || c === "'") i = endOfString(css, i);
    else if (c === '/' && css[i + 1] === '*') i = css.indexOf('*/', i + 2) + 1 || css.length;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && wanted.includes(c)) return i;
  }
  return -1;
}

function matching(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const next = scan(css, i, '{}');
    if (next < 0) break;
    depth += css[next] === '{' ? 1 : -1;
    if (depth === 0) return next;
    i = next;
  }
  throw new Error(`antd.css: the block opened at ${open} is not closed`);
}

function endOfString(css: string, quote: number): number {
  for (let i = quote + 1; i < css.length; i++) {
    if (css[i] === '\\') i++;
    else if (css[i] === css[quote]) return i;
  }
  return css.length;
}

/** A selector list split at its top-level commas (not those inside :is(…), :not(…) or attribute values). */
function selectors(list: string): string[] {
  const parts: string[] = [];
  let at = 0;
  for (let comma = scan(list, at, ','); comma >= 0; comma = scan(list, at, ',')) {
    parts.push(list.slice(at, comma));
    at = comma + 1;
  }
  parts.push(list.slice(at));
  return parts;
}
