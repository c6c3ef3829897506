// Short documentation for the operators and functions detection queries use most. Kusto.Language's
// browser build ships signatures but no descriptions, so hover and completion read them from here.

interface Entry {
  /** One line: what it does. */
  summary: string;
  /** A usage example, shown as KQL. */
  example: string;
}

const caseNote = 'Case-insensitive; the `_cs` form is case-sensitive.';
const termNote = 'A term is a run of ASCII letters and digits: `has` matches whole terms, which is faster than `contains` on indexed columns.';

const entries = new Map<string, Entry>(Object.entries({
  '==': { summary: 'Equals. Case-sensitive for strings; `=~` ignores case.', example: 'FileName == "cmd.exe"' },
  '!=': { summary: 'Not equals. Case-sensitive for strings; `!~` ignores case.', example: 'FileName != "cmd.exe"' },
  '=~': { summary: 'Equals, ignoring case.', example: 'FileName =~ "CMD.EXE"' },
  '!~': { summary: 'Not equals, ignoring case.', example: 'FileName !~ "cmd.exe"' },
  has: { summary: `True when the right-hand side is a whole term of the left-hand string. ${caseNote} ${termNote}`, example: 'ProcessCommandLine has "encodedcommand"' },
  '!has': { summary: 'True when the right-hand side is not a whole term of the left-hand string. Case-insensitive.', example: 'ProcessCommandLine !has "update"' },
  has_cs: { summary: 'True when the right-hand side is a whole term of the left-hand string, matching case.', example: 'ProcessCommandLine has_cs "EncodedCommand"' },
  '!has_cs': { summary: 'True when the right-hand side is not a whole term of the left-hand string, matching case.', example: 'ProcessCommandLine !has_cs "Update"' },
  has_any: {
    summary: `True when the left-hand string has **any** of the listed values as a whole term (or term sequence). Case-insensitive. The list may be literals or a dynamic array such as a \`let\` of \`dynamic([...])\`; at most 10,000 values. ${termNote}`,
    example: 'FileName has_any ("anydesk", "teamviewer")',
  },
  has_all: { summary: 'True when the left-hand string has **all** of the listed values as whole terms. Case-insensitive; at most 256 values.', example: 'ProcessCommandLine has_all ("-nop", "-enc")' },
  hasprefix: { summary: `True when a term of the left-hand string starts with the right-hand side. ${caseNote}`, example: 'FileName hasprefix "tv_"' },
  hassuffix: { summary: `True when a term of the left-hand string ends with the right-hand side. ${caseNote}`, example: 'FileName hassuffix "_service"' },
  contains: { summary: `True when the right-hand side occurs anywhere in the left-hand string. ${caseNote}`, example: 'FolderPath contains "\\\\Temp\\\\"' },
  '!contains': { summary: 'True when the right-hand side does not occur in the left-hand string. Case-insensitive.', example: 'FolderPath !contains "Program Files"' },
  contains_cs: { summary: 'True when the right-hand side occurs anywhere in the left-hand string, matching case.', example: 'ProcessCommandLine contains_cs "IEX"' },
  startswith: { summary: `True when the left-hand string starts with the right-hand side. ${caseNote}`, example: 'FolderPath startswith "C:\\\\Users\\\\"' },
  '!startswith': { summary: 'True when the left-hand string does not start with the right-hand side. Case-insensitive.', example: 'FolderPath !startswith "C:\\\\Program Files"' },
  startswith_cs: { summary: 'True when the left-hand string starts with the right-hand side, matching case.', example: 'FileName startswith_cs "Tv"' },
  endswith: { summary: `True when the left-hand string ends with the right-hand side. ${caseNote}`, example: 'FileName endswith ".exe"' },
  '!endswith': { summary: 'True when the left-hand string does not end with the right-hand side. Case-insensitive.', example: 'FileName !endswith ".dll"' },
  endswith_cs: { summary: 'True when the left-hand string ends with the right-hand side, matching case.', example: 'FileName endswith_cs ".EXE"' },
  in: { summary: 'True when the left-hand value equals one of the listed values. Case-sensitive for strings; `in~` ignores case.', example: 'FileName in ("cmd.exe", "powershell.exe")' },
  '!in': { summary: 'True when the left-hand value equals none of the listed values. Case-sensitive for strings.', example: 'FileName !in ("explorer.exe")' },
  'in~': { summary: 'True when the left-hand string equals one of the listed values, ignoring case.', example: 'FileName in~ ("CMD.exe", "PowerShell.exe")' },
  '!in~': { summary: 'True when the left-hand string equals none of the listed values, ignoring case.', example: 'FileName !in~ ("explorer.exe")' },
  'matches regex': { summary: 'True when the left-hand string matches the regular expression (RE2 syntax), anywhere in the string unless anchored.', example: 'FileName matches regex @"^tv_(w32|x64)\\.exe$"' },
  between: { summary: 'True when the value lies in the inclusive range `(low .. high)`.', example: 'Timestamp between (ago(2d) .. ago(1d))' },
  ago: { summary: 'The current UTC time minus the timespan. Fixed once per query.', example: 'where Timestamp > ago(24h)' },
  now: { summary: 'The current UTC time, optionally plus an offset. Fixed once per query.', example: 'extend Age = now() - Timestamp' },
  iff: { summary: 'The second argument when the condition is true, otherwise the third.', example: 'iff(IsPortable, "portable", "installed")' },
  iif: { summary: 'Alias of `iff`: the second argument when the condition is true, otherwise the third.', example: 'iif(IsPortable, "portable", "installed")' },
  case: { summary: 'The value of the first branch whose condition is true, or the last argument when none is.', example: 'case(FileName has "anydesk", "AnyDesk", "Other")' },
  tolower: { summary: 'The string in lower case.', example: 'tolower(FileName)' },
  toupper: { summary: 'The string in upper case.', example: 'toupper(FileName)' },
  tostring: { summary: 'Converts the value to its string form; null becomes `""`.', example: 'tostring(AdditionalFields.Command)' },
  strcat: { summary: 'Concatenates 1 to 64 arguments as strings.', example: 'strcat(DeviceName, "\\\\", AccountName)' },
  isempty: { summary: 'True when the value is null or `""`.', example: 'isempty(AccountDomain)' },
  isnotempty: { summary: 'True when the value is neither null nor `""`.', example: 'isnotempty(RemoteUrl)' },
  extract: { summary: 'The text a capture group of a regular expression matched, or `""` when it does not match.', example: 'extract(@"(\\w+)\\.exe", 1, ProcessCommandLine)' },
  parse_json: { summary: 'Parses a JSON string into a dynamic value.', example: 'parse_json(AdditionalFields).Command' },
  split: { summary: 'Splits a string at a delimiter into a dynamic array.', example: 'split(FolderPath, "\\\\")' },
  coalesce: { summary: 'The first argument that is not null (or not empty, for strings).', example: 'coalesce(InitiatingProcessFileName, "unknown")' },
  bin: { summary: 'Rounds down to a multiple of the bin size: groups numbers, dates and timespans.', example: 'summarize count() by bin(Timestamp, 1h)' },
  count: { summary: 'Aggregation: the number of rows in the group.', example: 'summarize count() by DeviceName' },
  countif: { summary: 'Aggregation: the number of rows in the group for which the predicate is true.', example: 'summarize countif(IsPortable) by DeviceName' },
  dcount: { summary: 'Aggregation: an estimate of the number of distinct values.', example: 'summarize dcount(DeviceName) by FileName' },
  make_set: { summary: 'Aggregation: a dynamic array of the distinct values in the group.', example: 'summarize make_set(FileName) by DeviceName' },
  arg_max: { summary: 'Aggregation: the row where the first expression is largest, with the requested columns.', example: 'summarize arg_max(Timestamp, *) by DeviceId' },
  where: { summary: 'Keeps the rows for which the predicate is true.', example: 'DeviceProcessEvents | where FileName =~ "anydesk.exe"' },
  extend: { summary: 'Adds computed columns, keeping every existing column.', example: '| extend IsPortable = FolderPath !startswith "C:\\\\Program Files"' },
  project: { summary: 'Keeps, renames or computes exactly the listed columns, in that order.', example: '| project Timestamp, DeviceName, FileName' },
  summarize: { summary: 'Groups rows by the `by` expressions and computes aggregations per group.', example: '| summarize count() by FileName' },
  join: { summary: 'Merges the rows of two tables that match on the given keys. The default kind is `innerunique`.', example: '| join kind=inner (DeviceNetworkEvents) on DeviceId' },
  union: { summary: 'Combines the rows of two or more tables.', example: 'union DeviceProcessEvents, DeviceNetworkEvents' },
  sort: { summary: 'Orders rows by the listed columns; descending unless `asc` is given.', example: '| sort by Timestamp desc' },
  take: { summary: 'Returns up to the given number of rows, in no particular order.', example: '| take 10' },
  distinct: { summary: 'Returns the distinct combinations of the listed columns.', example: '| distinct DeviceName, FileName' },
  let: { summary: 'Binds a name to a scalar, a table or a function for the rest of the query.', example: 'let RMMTools = dynamic(["anydesk.exe"]);' },
  dynamic: { summary: 'A literal of the dynamic type: an array, a property bag or a scalar, written as JSON.', example: 'dynamic(["anydesk.exe", "teamviewer.exe"])' },
} satisfies Record<string, Entry>));

/** Markdown documentation for an operator, function or keyword, or undefined when we have none. */
export function documentationFor(name: string): string | undefined {
  const entry = entries.get(name) ?? entries.get(name.toLowerCase());
  if (!entry) return undefined;
  return `${entry.summary}\n\n\`\`\`kusto\n${entry.example}\n\`\`\``;
}
