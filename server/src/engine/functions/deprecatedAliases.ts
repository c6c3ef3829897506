// Deprecated names Kusto still accepts, each mapped to the function it stands for. Each pair is
// listed under "Deprecated aliases" on the current function's reference page, and Kusto.Language
// marks the old name obsolete in favour of the new one.

export interface Alias {
  /** The current function name. */
  name: string;
  /** For each of the current function's parameters, the index of the alias's argument that fills it. */
  argumentOrder?: readonly number[];
}

export const DEPRECATED_ALIASES: ReadonlyMap<string, Alias> = new Map<string, Alias>([
  ['argmax', { name: 'arg_max' }],
  ['argmin', { name: 'arg_min' }],
  ['arraylength', { name: 'array_length' }],
  ['base64_decodestring', { name: 'base64_decode_tostring' }],
  ['base64_encodestring', { name: 'base64_encode_tostring' }],
  ['columnifexists', { name: 'column_ifexists' }],
  ['datepart', { name: 'datetime_part' }],
  ['extractall', { name: 'extract_all' }],
  ['make_string', { name: 'unicode_codepoints_to_string' }],
  ['notempty', { name: 'isnotempty' }],
  ['notnull', { name: 'isnotnull' }],
  ['parsejson', { name: 'parse_json' }],
  ['parseurl', { name: 'parse_url' }],
  ['parseurlquery', { name: 'parse_urlquery' }],
  // replace(regex, rewrite, text) takes its arguments in another order than
  // replace_regex(text, regex, rewrite) (parameter names as Kusto.Language declares them).
  ['replace', { name: 'replace_regex', argumentOrder: [2, 0, 1] }],
  ['to_utf8', { name: 'unicode_codepoints_from_string' }],
  ['totime', { name: 'totimespan' }],
  ['weekofyear', { name: 'week_of_year' }],
]);

/** The current function for a call of `name` with `args`: itself unless `name` is a deprecated alias. */
export function currentCall<T>(name: string, args: T[]): { name: string; args: T[] } {
  const alias = DEPRECATED_ALIASES.get(name);
  if (!alias) return { name, args };
  return { name: alias.name, args: alias.argumentOrder && args.length === alias.argumentOrder.length ? alias.argumentOrder.map((i) => args[i]) : args };
}
