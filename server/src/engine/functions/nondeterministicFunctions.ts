// Functions whose results cannot be reproduced, so a local run cannot stand in for Kusto's.

import type { FunctionTable } from './call';

export const nondeterministicFunctions: FunctionTable = {
  new_guid: () => ({ unsupported: 'new_guid() (a fresh random guid per call cannot be reproduced locally)' }),
  rand: () => ({ unsupported: 'rand() (random numbers cannot be reproduced locally)' }),
};
