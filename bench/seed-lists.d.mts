export declare const SEED_PATH: string;
export declare const SEED_QUERY: string;
export declare function seedList(name: string): string[];
export declare function seedTempPaths(): string[];
export declare function seedFamilies(): [string[], string][];
