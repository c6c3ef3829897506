// What the engine reports instead of a result: located, with a code the shells can act on.

export interface EngineDiagnostic {
  start: number;
  end: number;
  severity: 'error' | 'warning';
  message: string;
  code: 'not-supported-locally' | 'query-error' | 'runtime-error' | 'limit-exceeded' | 'cancelled';
}
