/**
 * Whether a program's text is plainly C: it includes a header or defines `int main(`. Python
 * programs have neither (a `#include` line in Python is a comment, but nobody writes one).
 */
const C_SIGNS = /^\s*#\s*include\s*[<"]|\bint\s+main\s*\(/m;

export function looksLikeC(source: string): boolean {
  return C_SIGNS.test(source);
}
