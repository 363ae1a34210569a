/** Every message file, registered once (a test checks that none is missing). */
import common from "./common.js";

export const catalogs: { en: Record<string, string>; "zh-CN": Record<string, string> }[] = [common];
