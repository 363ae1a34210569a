/** Every Python rule, registered once; a test checks each rule file is listed and ids are unique. */
import type { Rule } from "../rule.js";
import { sliceCopy } from "./slice-copy.js";
import { rangeLen } from "./range-len.js";
import { stringConcatLoop } from "./string-concat-loop.js";
import { listBuiltOnce } from "./list-built-once.js";
import { useStdlib } from "./use-stdlib.js";
import { memoryTrap } from "./memory-trap.js";

export const rules: readonly Rule[] = [sliceCopy, rangeLen, stringConcatLoop, listBuiltOnce, useStdlib, memoryTrap];
