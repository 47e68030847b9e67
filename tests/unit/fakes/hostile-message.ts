/** What a hostile server sends, for the tests of the inbound bounds. */

/** A `md` tree of quotes nested `depth` deep (5 000 deep is about 156 KB of JSON). */
export function deepMd(depth: number): unknown[] {
  let node: unknown = { type: 'PLAIN_TEXT', value: 'deep' };
  for (let i = 0; i < depth; i += 1) node = { type: 'QUOTE', value: [node] };
  return [node];
}

/** How deep a JSON value nests (iteratively: the point is values too deep to recurse into). */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    max = Math.max(max, d);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
