/**
 * The C runner's memory model: gcc's sizes and layouts, byte-addressed memory with every byte's
 * addressable and initialised state, stack frames and globals, glibc's allocator, string.h and
 * printf's formatting. A `Memory` is a value made per run (`createMemory`); the functions take it.
 */
export { alignOf, alignUp, enumBase, isLayoutError, memberOf, mustAlignOf, mustLayout, mustSizeOf, recordLayout, sizeOf, variableAlign } from "./layout.js";
export type { LayoutError, MemberLayout, RecordLayout } from "./layout.js";
export { ADDRESSABLE, INITIALISED, LAYOUT, blockAt, check, createMemory, describeAddress, functionAt, internFunction, isFault } from "./memory.js";
export type { Block, Fault, Frame, Memory, Segment, SegmentName } from "./memory.js";
export { copyBytes, fillBytes, load, loadBits, moveBytes, overlaps, readBytes, readCString, store, storeBits, writeBytes } from "./access.js";
export type { BitField, Loaded, Scalar } from "./access.js";
export { STACK_LIMIT, addLocal, internString, placeGlobals, popFrame, pushFrame } from "./frames.js";
export type { GlobalSpec, LocalSpec } from "./frames.js";
export { calloc, chunkSize, free, malloc, mallocUsableSize, realloc, reserve, usableSize } from "./heap.js";
export type { Allocation, HeapState } from "./heap.js";
export { memcmp, memcpy, memmove, memset, strcat, strchr, strcmp, strcpy, strdup, strlen, strncmp, strncpy } from "./libc.js";
export type { IntResult, PointerResult } from "./libc.js";
export { argKinds, formatPrintf, parseFormat } from "./format.js";
export type { ArgKind, Conversion, FormatArg, FormatError, Piece } from "./format.js";
