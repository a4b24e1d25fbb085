export declare const DEBIAN_CHROMIUM: string;
export declare function findChromium(): { path: string; via: string } | undefined;
export declare const HOW_TO_GET_CHROMIUM: string;
