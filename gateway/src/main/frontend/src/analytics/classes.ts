/** One class of a choropleth: its colour, the range of values in it, and how many municipalities. */
export type Range = { color: string; from: number; to: number; count: number };

export type Classed = { ranges: Range[]; color: (slug: string) => string };

/**
 * Up to as many classes as colours, each holding as near an equal number of municipalities as ties
 * allow (quantiles), lowest values first; a municipality with no figure gets {@code none}.
 */
export function classes(values: Map<string, number | null>, colors: string[], none: string): Classed {
  const known = [...values.entries()].filter((e): e is [string, number] => e[1] != null).sort((a, b) => a[1] - b[1]);
  const distinct = [...new Set(known.map((e) => e[1]))];
  const k = Math.min(colors.length, distinct.length);
  const ranges: Range[] = [];
  const bySlug = new Map<string, string>();
  let start = 0;
  for (let i = 0; i < k && start < known.length; i++) {
    let end = Math.max(start + 1, Math.round(((i + 1) * known.length) / k));
    // A tie never straddles two classes.
    while (end < known.length && known[end]![1] === known[end - 1]![1]) end++;
    if (i === k - 1) end = known.length;
    const members = known.slice(start, end);
    // With fewer classes than colours, spread them over the whole scale.
    const color = colors[k === 1 ? colors.length - 1 : Math.round((i * (colors.length - 1)) / (k - 1))]!;
    members.forEach(([slug]) => bySlug.set(slug, color));
    ranges.push({ color, from: members[0]![1], to: members[members.length - 1]![1], count: members.length });
    start = end;
  }
  return { ranges, color: (slug) => bySlug.get(slug) ?? none };
}
