/**
 * The standard headers the C subset covers: the macros each one defines (glibc's values on
 * x86-64) and the declarations it brings, written as C and read by the same parser.
 */

export const HEADERS = ["stdio.h", "stdlib.h", "string.h", "ctype.h", "stdbool.h", "stddef.h", "stdint.h", "assert.h", "limits.h"] as const;
export type Header = (typeof HEADERS)[number];

export const isHeader = (name: string): name is Header => (HEADERS as readonly string[]).includes(name);

const NULL = { NULL: "((void *)0)" };
const SIZE_T = "typedef unsigned long size_t;";

/** Object-like macros by header (function-like ones, `assert` and `offsetof`, are built into the checker and the grammar). */
export const HEADER_MACROS: Record<Header, Record<string, string>> = {
  "stdio.h": { ...NULL, EOF: "(-1)" },
  "stdlib.h": { ...NULL, EXIT_SUCCESS: "0", EXIT_FAILURE: "1", RAND_MAX: "2147483647" },
  "string.h": { ...NULL },
  "ctype.h": {},
  "stdbool.h": { bool: "_Bool", true: "1", false: "0", __bool_true_false_are_defined: "1" },
  "stddef.h": { ...NULL },
  "stdint.h": {
    INT8_MIN: "(-128)", INT8_MAX: "(127)", UINT8_MAX: "(255)",
    INT16_MIN: "(-32767-1)", INT16_MAX: "(32767)", UINT16_MAX: "(65535)",
    INT32_MIN: "(-2147483647-1)", INT32_MAX: "(2147483647)", UINT32_MAX: "(4294967295U)",
    INT64_MIN: "(-9223372036854775807L-1)", INT64_MAX: "(9223372036854775807L)", UINT64_MAX: "(18446744073709551615UL)",
    INTPTR_MIN: "(-9223372036854775807L-1)", INTPTR_MAX: "(9223372036854775807L)", UINTPTR_MAX: "(18446744073709551615UL)",
    SIZE_MAX: "(18446744073709551615UL)", PTRDIFF_MIN: "(-9223372036854775807L-1)", PTRDIFF_MAX: "(9223372036854775807L)",
  },
  "assert.h": {},
  "limits.h": {
    CHAR_BIT: "8", SCHAR_MIN: "(-128)", SCHAR_MAX: "127", UCHAR_MAX: "255", CHAR_MIN: "(-128)", CHAR_MAX: "127",
    SHRT_MIN: "(-32768)", SHRT_MAX: "32767", USHRT_MAX: "65535",
    INT_MIN: "(-2147483647-1)", INT_MAX: "2147483647", UINT_MAX: "4294967295U",
    LONG_MIN: "(-9223372036854775807L-1L)", LONG_MAX: "9223372036854775807L", ULONG_MAX: "18446744073709551615UL",
    LLONG_MIN: "(-9223372036854775807LL-1LL)", LLONG_MAX: "9223372036854775807LL", ULLONG_MAX: "18446744073709551615ULL",
  },
};

/** What each header declares, as C (the checker knows their types from this text). */
export const HEADER_DECLARATIONS: Record<Header, string> = {
  "stdio.h": `${SIZE_T}
int printf(const char *format, ...);
int sprintf(char *s, const char *format, ...);
int snprintf(char *s, size_t n, const char *format, ...);
int scanf(const char *format, ...);
int sscanf(const char *s, const char *format, ...);
int puts(const char *s);
int putchar(int c);
int getchar(void);
`,
  "stdlib.h": `${SIZE_T}
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void exit(int status);
void abort(void);
int abs(int n);
long labs(long n);
int atoi(const char *s);
long atol(const char *s);
double atof(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
double strtod(const char *s, char **end);
void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));
int rand(void);
void srand(unsigned int seed);
`,
  "string.h": `${SIZE_T}
size_t strlen(const char *s);
char *strcpy(char *to, const char *from);
char *strncpy(char *to, const char *from, size_t n);
char *strcat(char *to, const char *from);
char *strncat(char *to, const char *from, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *s, const char *part);
char *strdup(const char *s);
void *memset(void *p, int c, size_t n);
void *memcpy(void *to, const void *from, size_t n);
void *memmove(void *to, const void *from, size_t n);
int memcmp(const void *a, const void *b, size_t n);
`,
  "ctype.h": ["isalpha", "isdigit", "isalnum", "isspace", "isupper", "islower", "ispunct", "isprint", "isxdigit", "iscntrl", "isgraph", "toupper", "tolower"].map((f) => `int ${f}(int c);`).join("\n"),
  "stdbool.h": "",
  "stddef.h": `${SIZE_T}\ntypedef long ptrdiff_t;\n`,
  "stdint.h": `typedef signed char int8_t; typedef short int16_t; typedef int int32_t; typedef long int64_t;
typedef unsigned char uint8_t; typedef unsigned short uint16_t; typedef unsigned int uint32_t; typedef unsigned long uint64_t;
typedef long intptr_t; typedef unsigned long uintptr_t;
`,
  "assert.h": "",
  "limits.h": "",
};

/** Names from C's standard library that programs often use but the subset leaves out: named as unsupported, not as unknown. */
export const UNSUPPORTED_LIBRARY = new Set([
  "FILE", "stdin", "stdout", "stderr", "fprintf", "fscanf", "fputs", "fputc", "fgets", "fgetc", "getc", "putc", "ungetc", "fopen", "fclose", "fread", "fwrite", "fseek", "ftell", "rewind", "fflush", "perror", "getline", "remove", "rename", "vprintf", "vsprintf",
  "strtok", "strerror", "strspn", "strcspn", "strpbrk", "strcoll", "strxfrm", "memchr", "errno",
  "atexit", "system", "getenv", "bsearch", "div", "ldiv", "llabs", "atoll", "strtoll", "strtoull", "strtof", "aligned_alloc",
  "sqrt", "pow", "sin", "cos", "tan", "atan", "atan2", "exp", "log", "log10", "log2", "floor", "ceil", "fabs", "round", "trunc", "fmod", "hypot",
  "time", "clock", "difftime", "sleep", "usleep", "signal", "raise", "setjmp", "longjmp", "va_start", "va_arg", "va_end", "va_list",
]);
