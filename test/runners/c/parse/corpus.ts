/** Small C programs for the front end, each judged by gcc in the tests: wrong ones and right ones. */

const H = "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n";

/** Programs gcc refuses (at compile or link time). */
export const WRONG: Record<string, string> = {
  undeclared: `${H}int main(void) {\n  int a = 1;\n  printf("%d\\n", b);\n  return 0;\n}\n`,
  undeclaredInLoop: `int main(void) {\n  for (int i = 0; i < 3; i++) {\n  }\n  return i;\n}\n`,
  missingSemicolon: `${H}int main(void) {\n  int a = 1\n  printf("%d\\n", a);\n  return 0;\n}\n`,
  missingSemicolonReturn: `int main(void) {\n  return 0\n}\n`,
  missingBrace: `int main(void) {\n  int a = 1;\n  if (a) {\n    a = 2;\n  return 0;\n}\n`,
  tooFewArgs: `int add(int a, int b) { return a + b; }\nint main(void) {\n  return add(1);\n}\n`,
  tooManyArgs: `int add(int a, int b) { return a + b; }\nint main(void) {\n  return add(1, 2, 3);\n}\n`,
  tooFewLibrary: `${H}int main(void) {\n  char s[8];\n  strcpy(s);\n  return 0;\n}\n`,
  assignNotLvalue: `int main(void) {\n  int a = 1, b = 2;\n  a + b = 3;\n  return 0;\n}\n`,
  assignConst: `int main(void) {\n  const int a = 1;\n  a = 2;\n  return a;\n}\n`,
  incrementConst: `int main(void) {\n  const int n = 1;\n  n++;\n  return n;\n}\n`,
  assignArray: `int main(void) {\n  int a[3], b[3];\n  a = b;\n  return 0;\n}\n`,
  constThroughPointer: `int main(void) {\n  int x = 0;\n  const int *p = &x;\n  *p = 3;\n  return x;\n}\n`,
  notFunction: `int main(void) {\n  int x = 3;\n  return x(2);\n}\n`,
  breakOutside: `int main(void) {\n  int x = 3;\n  if (x) break;\n  return 0;\n}\n`,
  continueOutside: `int main(void) {\n  int x = 3;\n  switch (x) { case 3: continue; }\n  return 0;\n}\n`,
  undefinedFunction: `int helper(int);\nint main(void) {\n  return helper(2);\n}\n`,
  implicitUndefined: `int main(void) {\n  return helper(2);\n}\n`,
  implicitConflict: `int main(void) {\n  double d = half(3);\n  return (int) d;\n}\ndouble half(int n) { return n / 2.0; }\n`,
  structToInt: `struct p { int x; };\nint main(void) {\n  struct p s = {1};\n  int n = s;\n  return n;\n}\n`,
  doubleToPointer: `int main(void) {\n  double d = 1.5;\n  int *p = d;\n  return *p;\n}\n`,
  noMember: `struct p { int x; };\nint main(void) {\n  struct p s = {1};\n  return s.y;\n}\n`,
  dotOnPointer: `struct p { int x; };\nint main(void) {\n  struct p s = {1};\n  struct p *q = &s;\n  return q.x;\n}\n`,
  arrowOnStruct: `struct p { int x; };\nint main(void) {\n  struct p s = {1};\n  return s->x;\n}\n`,
  memberOfInt: `int main(void) {\n  int n = 3;\n  return n.x;\n}\n`,
  derefInt: `int main(void) {\n  int n = 3;\n  return *n;\n}\n`,
  subscriptInt: `int main(void) {\n  int n = 3;\n  return n[1];\n}\n`,
  addressOfRvalue: `int main(void) {\n  int a = 1;\n  int *p = &(a + 1);\n  return *p;\n}\n`,
  incrementRvalue: `int main(void) {\n  int a = 1;\n  (a + 1)++;\n  return a;\n}\n`,
  voidValue: `void f(void) {}\nint main(void) {\n  int x = f();\n  return x;\n}\n`,
  redeclared: `int main(void) {\n  int a = 1;\n  int a = 2;\n  return a;\n}\n`,
  redefinition: `int f(void) { return 1; }\nint f(void) { return 2; }\nint main(void) { return f(); }\n`,
  conflictingTypes: `int f(int);\nlong f(int n) { return n; }\nint main(void) { return (int) f(1); }\n`,
  unknownType: `int main(void) {\n  size_t n = 3;\n  return (int) n;\n}\n`,
  unknownTypedef: `int main(void) {\n  Node *p = 0;\n  return p != 0;\n}\n`,
  incompleteStruct: `struct later;\nint main(void) {\n  struct later x;\n  return 0;\n}\n`,
  caseOutside: `int main(void) {\n  int x = 1;\n  case 1: x = 2;\n  return x;\n}\n`,
  duplicateCase: `int main(void) {\n  int x = 1;\n  switch (x) {\n  case 1: x = 2; break;\n  case 1: x = 3; break;\n  }\n  return x;\n}\n`,
  caseNotConstant: `int main(void) {\n  int x = 1, y = 1;\n  switch (x) {\n  case y: return 1;\n  }\n  return 0;\n}\n`,
  gotoNowhere: `int main(void) {\n  goto out;\n  return 1;\n}\n`,
  voidVariable: `int main(void) {\n  void v;\n  return 0;\n}\n`,
  arraySizeMissing: `int main(void) {\n  int a[];\n  return 0;\n}\n`,
  invalidOperands: `int main(void) {\n  int *p = 0, *q = 0;\n  int *r = p + q;\n  return r != 0;\n}\n`,
  modPointer: `int main(void) {\n  int a = 4;\n  int *p = &a;\n  return p % 2;\n}\n`,
  globalNotConstant: `int f(void) { return 3; }\nint g = f();\nint main(void) { return g; }\n`,
  stringToInt: `int main(void) {\n  int n = 3;\n  struct { int x; } s;\n  s = n;\n  return 0;\n}\n`,
  returnStruct: `struct p { int x; };\nint main(void) {\n  struct p s = {1};\n  return s;\n}\n`,
  conditionStruct: `struct p { int x; };\nint main(void) {\n  struct p s = {1};\n  if (s) return 1;\n  return 0;\n}\n`,
  switchDouble: `int main(void) {\n  double d = 1.0;\n  switch (d) { default: break; }\n  return 0;\n}\n`,
  unknownHeader: `#include <conio.h>\nint main(void) {\n  return 0;\n}\n`,
  extraParen: `int main(void) {\n  int a = (1 + 2;\n  return a;\n}\n`,
  castStruct: `struct p { int x; };\nint main(void) {\n  int n = 1;\n  struct p s = (struct p) n;\n  return s.x;\n}\n`,
  wrongArgStruct: `struct p { int x; };\nint take(int n) { return n; }\nint main(void) {\n  struct p s = {1};\n  return take(s);\n}\n`,
  bitFieldTooWide: `struct s {\n  int small : 3;\n  int big : 33;\n};\nint main(void) { return 0; }\n`,
  bitFieldDouble: `struct s {\n  double d : 3;\n};\nint main(void) { return 0; }\n`,
  bitFieldZeroNamed: `struct s {\n  unsigned z : 0;\n};\nint main(void) { return 0; }\n`,
  bitFieldAddress: `struct s { unsigned flag : 1; };\nint main(void) {\n  struct s v = {1};\n  unsigned *p = &v.flag;\n  return (int) *p;\n}\n`,
  bitFieldSizeof: `struct s { unsigned flag : 1; };\nint main(void) {\n  struct s v = {1};\n  return (int) sizeof v.flag;\n}\n`,
  defineMissingSemicolon: `#define N 3\nint main(void) {\n  int a[N]\n  return 0;\n}\n`,
  constStructMember: `struct p { int x; };\nint main(void) {\n  const struct p s = {1};\n  s.x = 2;\n  return s.x;\n}\n`,
  sizeofIncomplete: `struct later;\nint main(void) {\n  unsigned long n = sizeof(struct later);\n  return (int) n;\n}\n`,
  structPlusOne: `struct p { int x; };\nint main(void) {\n  struct p s = {1};\n  int n = s + 1;\n  return n;\n}\n`,
  callMissingParen: `${H}int main(void) {\n  printf("x";\n  return 0;\n}\n`,
  unterminatedString: `${H}int main(void) {\n  puts("oops);\n  return 0;\n}\n`,
  arrowOnInt: `int main(void) {\n  int n = 1;\n  return n->x;\n}\n`,
  missingStructSemicolon: `struct p { int x; }\nint main(void) {\n  return 0;\n}\n`,
  wrongMemberName: `typedef struct node { int value; struct node *next; } Node;\nint main(void) {\n  Node n = {1, 0};\n  Node *p = &n;\n  return p->val;\n}\n`,
  mainMissingBrace: `int main(void) {\n  int i;\n  for (i = 0; i < 3; i++) {\n    i += 1;\n  return 0;\n}\n`,
  freeWithoutDecl: `int main(void) {\n  int *p = 0;\n  undefined_cleanup(p);\n  return 0;\n}\n`,
  elseIfWithoutCondition: `int main(void) {\n  int x = 1;\n  if (x == 1) {\n    x = 2;\n  } else if {\n    x = 3;\n  }\n  return x;\n}\n`,
  forWithCommas: `int main(void) {\n  int s = 0;\n  for (int i = 0, i < 3, i++) s += i;\n  return s;\n}\n`,
  extraClosingBrace: `int main(void) {\n  return 0;\n}\n}\n`,
  memberMissingSemicolon: `struct p { int x int y; };\nint main(void) {\n  return 0;\n}\n`,
  returnMissingSemicolon: `int add(int a, int b) { return a + b }\nint main(void) {\n  return add(1, 2);\n}\n`,
  pointerForStruct: `struct p { int x; };\nint take(struct p v) { return v.x; }\nint main(void) {\n  struct p s = {1};\n  return take(&s);\n}\n`,
  arrayAssignString: `int main(void) {\n  char name[10];\n  name = "bob";\n  return 0;\n}\n`,
  typedefCastWrong: `typedef int T;\nint main(void) {\n  T x = 2;\n  T *p = &x;\n  int y = (T) * p + z;\n  return y;\n}\n`,
};

/** Programs gcc compiles and links (warnings allowed). */
export const RIGHT: Record<string, string> = {
  hello: `${H}int main(void) {\n  printf("hello\\n");\n  return 0;\n}\n`,
  arithmetic: `${H}int main(void) {\n  int a = 7, b = 2;\n  long c = a * 3L + b % 2 - (a << 1) / b;\n  unsigned u = 10u;\n  printf("%ld %u\\n", c, u >> 1);\n  return 0;\n}\n`,
  pointers: `${H}int main(void) {\n  int x = 1;\n  int *p = &x;\n  int **pp = &p;\n  **pp = 5;\n  printf("%d %p\\n", *p, (void *)p);\n  return 0;\n}\n`,
  arrays: `${H}int main(void) {\n  int a[5] = {1, 2, 3};\n  int m[2][3] = {{1, 2, 3}, {4, 5, 6}};\n  int *p = a + 1;\n  printf("%d %d %zu\\n", p[1], m[1][2], sizeof m / sizeof m[0]);\n  return 0;\n}\n`,
  strings: `${H}int main(void) {\n  char s[20] = "abc";\n  strcat(s, "def");\n  char *d = strdup(s);\n  printf("%zu %s %d\\n", strlen(d), d, strcmp(s, d));\n  free(d);\n  return 0;\n}\n`,
  malloc: `${H}int main(void) {\n  int n = 4;\n  int *a = malloc(n * sizeof *a);\n  if (a == NULL) return 1;\n  for (int i = 0; i < n; i++) a[i] = i * i;\n  a = realloc(a, 8 * sizeof(int));\n  free(a);\n  return 0;\n}\n`,
  calloc: `${H}int main(void) {\n  double *d = calloc(3, sizeof(double));\n  d[0] = 1.5;\n  printf("%.2f\\n", d[0] + d[1]);\n  free(d);\n  return 0;\n}\n`,
  linkedList: `${H}typedef struct node {\n  int value;\n  struct node *next;\n} Node;\nNode *push(Node *head, int v) {\n  Node *n = malloc(sizeof *n);\n  n->value = v;\n  n->next = head;\n  return n;\n}\nint main(void) {\n  Node *head = NULL;\n  for (int i = 0; i < 3; i++) head = push(head, i);\n  while (head) {\n    Node *next = head->next;\n    free(head);\n    head = next;\n  }\n  return 0;\n}\n`,
  recursion: `${H}int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }\nint main(void) {\n  printf("%d\\n", fact(5));\n  return 0;\n}\n`,
  prototypeFirst: `${H}int twice(int);\nint main(void) {\n  printf("%d\\n", twice(4));\n  return 0;\n}\nint twice(int n) { return 2 * n; }\n`,
  structs: `${H}struct point { int x, y; };\nstruct rect { struct point a, b; };\nint main(void) {\n  struct rect r = { {0, 0}, {.x = 3, .y = 4} };\n  struct rect *p = &r;\n  p->b.x += 1;\n  printf("%d\\n", r.b.x * p->b.y);\n  return 0;\n}\n`,
  unions: `${H}union num { int i; float f; unsigned char bytes[4]; };\nint main(void) {\n  union num n;\n  n.f = 1.0f;\n  printf("%x\\n", n.bytes[3]);\n  return 0;\n}\n`,
  enums: `${H}enum color { RED, GREEN = 5, BLUE };\nint main(void) {\n  enum color c = BLUE;\n  switch (c) {\n  case RED: puts("red"); break;\n  case GREEN: puts("green"); break;\n  default: printf("%d\\n", c);\n  }\n  return 0;\n}\n`,
  switchFallThrough: `${H}int main(void) {\n  int n = 2, total = 0;\n  switch (n) {\n  case 1: total += 1;\n  case 2: total += 2;\n  case 3: total += 3; break;\n  default: total = -1;\n  }\n  printf("%d\\n", total);\n  return 0;\n}\n`,
  loops: `${H}int main(void) {\n  int i = 0, s = 0;\n  while (i < 10) { if (i % 2) { i++; continue; } s += i++; }\n  do { s--; } while (s > 10);\n  for (;;) { break; }\n  printf("%d\\n", s);\n  return 0;\n}\n`,
  gotoLoop: `${H}int main(void) {\n  int i = 0;\nagain:\n  i++;\n  if (i < 3) goto again;\n  printf("%d\\n", i);\n  return 0;\n}\n`,
  typedefCasts: `${H}typedef int T;\ntypedef long L;\nint main(void) {\n  T b = 3;\n  T *p = &b;\n  L x = (L) - b;\n  T y = (T) * p;\n  L z = (L) & b != 0;\n  T w = (T) + b * 2;\n  printf("%ld %d %ld %d %zu\\n", x, y, z, w, sizeof (T));\n  return 0;\n}\n`,
  qsortCompare: `${H}static int cmp(const void *a, const void *b) {\n  int x = *(const int *)a, y = *(const int *)b;\n  return (x > y) - (x < y);\n}\nint main(void) {\n  int a[] = {3, 1, 2};\n  qsort(a, sizeof a / sizeof a[0], sizeof a[0], cmp);\n  printf("%d %d %d\\n", a[0], a[1], a[2]);\n  return 0;\n}\n`,
  functionPointers: `${H}int add(int a, int b) { return a + b; }\nint sub(int a, int b) { return a - b; }\nint main(void) {\n  int (*ops[2])(int, int) = {add, sub};\n  int (*f)(int, int) = &add;\n  printf("%d %d\\n", ops[1](5, 2), (*f)(1, 2));\n  return 0;\n}\n`,
  macros: `${H}#define N 5\n#define SQUARE(x) ((x) * (x))\n#define MAX(a, b) ((a) > (b) ? (a) : (b))\nint main(void) {\n  int a[N];\n  for (int i = 0; i < N; i++) a[i] = SQUARE(i + 1);\n  printf("%d\\n", MAX(a[0], a[N - 1]));\n  return 0;\n}\n`,
  conditionals: `#include <stdio.h>\n#define DEBUG 0\n#ifdef NOTHING\nint broken = ;\n#endif\n#if DEBUG\nint also broken;\n#else\nint fine = 1;\n#endif\nint main(void) {\n  printf("%d\\n", fine);\n  return 0;\n}\n`,
  limits: `#include <stdio.h>\n#include <limits.h>\n#include <stdint.h>\nint main(void) {\n  long big = INT_MAX;\n  big += 1;\n  uint8_t small = UINT8_MAX;\n  int32_t m = INT32_MIN;\n  printf("%ld %d %d %d\\n", big, small, m, CHAR_BIT);\n  return 0;\n}\n`,
  bools: `#include <stdio.h>\n#include <stdbool.h>\nint main(void) {\n  bool done = false;\n  _Bool other = true;\n  if (!done && other) puts("yes");\n  return 0;\n}\n`,
  ctype: `#include <stdio.h>\n#include <ctype.h>\nint main(void) {\n  const char *s = "Hello 42";\n  int letters = 0;\n  for (const char *p = s; *p; p++) if (isalpha((unsigned char)*p)) letters++;\n  printf("%d %c\\n", letters, toupper('q'));\n  return 0;\n}\n`,
  asserts: `#include <assert.h>\n#include <stdlib.h>\nint main(void) {\n  int *p = malloc(sizeof(int));\n  assert(p != NULL);\n  free(p);\n  return 0;\n}\n`,
  sizes: `#include <stdio.h>\n#include <stddef.h>\nstruct s { char c; double d; int i; };\nint main(void) {\n  printf("%zu %zu %zu\\n", sizeof(struct s), offsetof(struct s, i), _Alignof(double));\n  return 0;\n}\n`,
  stringEscapes: `#include <stdio.h>\nint main(void) {\n  char s[] = "tab\\there\\n\\x41\\101" "joined";\n  char c = '\\'';\n  printf("%s%c%zu\\n", s, c, sizeof s);\n  return 0;\n}\n`,
  ternaryPointers: `${H}int main(void) {\n  int a = 1;\n  int *p = a ? &a : NULL;\n  void *v = p;\n  int *q = v;\n  printf("%d\\n", q == p);\n  return 0;\n}\n`,
  compoundAssign: `${H}int main(void) {\n  int a = 10;\n  a += 2; a -= 1; a *= 3; a /= 2; a %= 7; a <<= 2; a >>= 1; a &= 0xff; a |= 1; a ^= 2;\n  double d = 1.0;\n  d *= 2.5;\n  char *s = "hey";\n  s += 1;\n  printf("%d %.1f %s\\n", a, d, s);\n  return 0;\n}\n`,
  commaAndIncrements: `${H}int main(void) {\n  int i, j;\n  for (i = 0, j = 10; i < j; i++, j--) ;\n  int k = (i++, ++j, i + j);\n  printf("%d\\n", k);\n  return 0;\n}\n`,
  twoDimensional: `${H}#define R 2\n#define C 3\nint sum(int m[][C], int rows) {\n  int s = 0;\n  for (int r = 0; r < rows; r++) for (int c = 0; c < C; c++) s += m[r][c];\n  return s;\n}\nint main(void) {\n  int m[R][C] = {{1, 2, 3}, {4, 5, 6}};\n  printf("%d\\n", sum(m, R));\n  return 0;\n}\n`,
  arrayOfStructs: `${H}typedef struct { const char *name; int age; } Person;\nint main(void) {\n  Person people[] = { {"Ann", 30}, {.name = "Bo", .age = 25} };\n  int total = 0;\n  for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) total += people[i].age;\n  printf("%d\\n", total);\n  return 0;\n}\n`,
  globals: `${H}static int counter = 0;\nconst char *greeting = "hi";\nint table[3] = {1, 2, 3};\nint *first = &table[0];\nvoid bump(void) { counter++; }\nint main(void) {\n  bump();\n  printf("%d %s %d\\n", counter, greeting, *first);\n  return 0;\n}\n`,
  scanfInput: `${H}int main(void) {\n  int n = 0;\n  if (scanf("%d", &n) != 1) return 1;\n  int c = getchar();\n  printf("%d %d\\n", n, c);\n  return 0;\n}\n`,
  sprintfBuffers: `${H}int main(void) {\n  char buf[32];\n  int n = snprintf(buf, sizeof buf, "%5.2f|%-4d|%x", 3.14159, 7, 255);\n  sprintf(buf + n, "!");\n  puts(buf);\n  return 0;\n}\n`,
  strtolAtoi: `${H}int main(void) {\n  char *end;\n  long v = strtol("42abc", &end, 10);\n  int a = atoi("7");\n  double f = atof("2.5");\n  printf("%ld %s %d %.1f %d\\n", v, end, a, f, abs(-3));\n  return 0;\n}\n`,
  memFunctions: `${H}int main(void) {\n  int a[4] = {1, 2, 3, 4}, b[4];\n  memcpy(b, a, sizeof a);\n  memmove(a + 1, a, 2 * sizeof *a);\n  memset(b, 0, sizeof b);\n  printf("%d %d\\n", memcmp(a, b, sizeof a) != 0, a[1]);\n  return 0;\n}\n`,
  randSeed: `${H}int main(void) {\n  srand(42);\n  int r = rand() % 6 + 1;\n  printf("%d\\n", r >= 1 && r <= 6);\n  return 0;\n}\n`,
  exitEarly: `${H}int main(void) {\n  int *p = malloc(4);\n  if (!p) exit(EXIT_FAILURE);\n  free(p);\n  exit(EXIT_SUCCESS);\n}\n`,
  charArithmetic: `${H}int main(void) {\n  char c = 'a';\n  c += 2;\n  unsigned char u = 250;\n  u += 10;\n  short s = -3;\n  long long ll = 1LL << 40;\n  unsigned long long ull = 18446744073709551615ULL;\n  printf("%c %u %d %lld %llu\\n", c, u, s, ll, ull);\n  return 0;\n}\n`,
  floats: `${H}int main(void) {\n  float f = 1.5f;\n  double d = f / 3;\n  long double ld = 2.0L;\n  printf("%f %e %g\\n", d, (double) ld, 1e-3);\n  return 0;\n}\n`,
  pointerArithmetic: `${H}int main(void) {\n  int a[5] = {0};\n  int *p = a, *q = &a[4];\n  long n = q - p;\n  p += 2;\n  printf("%ld %d\\n", n, p < q);\n  return 0;\n}\n`,
  voidPointers: `${H}void fill(void *p, size_t n) { memset(p, 1, n); }\nint main(void) {\n  char buf[4];\n  fill(buf, sizeof buf);\n  void *v = buf;\n  char *c = v;\n  printf("%d\\n", c[0]);\n  return 0;\n}\n`,
  nestedScopes: `${H}int x = 1;\nint main(void) {\n  int x = 2;\n  {\n    int x = 3;\n    printf("%d\\n", x);\n  }\n  return x - 2;\n}\n`,
  comments: `#include <stdio.h>\n/* a comment\n   over lines */\nint main(void) { // a line comment\n  int a = 1; /* inline */ int b = 2;\n  printf("%d\\n", a + b);\n  return 0;\n}\n`,
  selfReferentialTypedef: `${H}typedef struct tree Tree;\nstruct tree { int key; Tree *left, *right; };\nTree *leaf(int k) {\n  Tree *t = calloc(1, sizeof(Tree));\n  t->key = k;\n  return t;\n}\nint main(void) {\n  Tree *t = leaf(2);\n  t->left = leaf(1);\n  printf("%d\\n", t->left->key);\n  free(t->left);\n  free(t);\n  return 0;\n}\n`,
  implicitLibraryCall: `int main(void) {\n  puts("no include");\n  return 0;\n}\n`,
  strncpyChr: `${H}int main(void) {\n  char dst[8];\n  strncpy(dst, "abcdefgh", sizeof dst - 1);\n  dst[7] = '\\0';\n  char *at = strchr(dst, 'c');\n  printf("%s %ld %d\\n", dst, at - dst, strncmp(dst, "abx", 2));\n  return 0;\n}\n`,
  mainWithArguments: `${H}int main(int argc, char *argv[]) {\n  for (int i = 0; i < argc; i++) puts(argv[i]);\n  char **rest = argv + 1;\n  return rest == NULL;\n}\n`,
  emptyParameterList: `${H}int count() { static int calls = 0; return ++calls; }\nint main() {\n  count();\n  printf("%d\\n", count());\n}\n`,
  getcharLoop: `${H}int main(void) {\n  int c, n = 0;\n  while ((c = getchar()) != EOF) if (c == '\\n') n++;\n  printf("%d\\n", n);\n  return 0;\n}\n`,
  typedefFunctionPointer: `${H}typedef int (*compare_fn)(const void *, const void *);\nstatic int by_value(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }\nint main(void) {\n  compare_fn cmp = by_value;\n  int v[] = {2, 1};\n  qsort(v, 2, sizeof *v, cmp);\n  return v[0] - 1;\n}\n`,
  structByValue: `${H}typedef struct { double x, y; } Vec;\nVec add(Vec a, Vec b) { Vec r = { a.x + b.x, a.y + b.y }; return r; }\nint main(void) {\n  Vec a = {1, 2}, b = {3, 4};\n  Vec c = add(a, b);\n  const Vec *p = &c;\n  printf("%.1f\\n", p->x + p->y);\n  return 0;\n}\n`,
  pointerToRow: `${H}int main(void) {\n  int m[2][3] = {{1, 2, 3}, {4, 5, 6}};\n  int (*row)[3] = m;\n  row++;\n  printf("%d %zu\\n", (*row)[1], sizeof *row);\n  return 0;\n}\n`,
  arrayOfStrings: `${H}int main(void) {\n  const char *names[] = {"ann", "bob", NULL};\n  size_t total = 0;\n  for (const char **p = names; *p != NULL; p++) total += strlen(*p);\n  char grid[2][4] = {"ab", "cd"};\n  printf("%zu %s\\n", total, grid[1]);\n  return 0;\n}\n`,
  unsignedWrap: `${H}int main(void) {\n  unsigned int u = 0;\n  u--;\n  size_t n = sizeof(long long) * 2;\n  int negative = -5 % 3;\n  printf("%u %zu %d\\n", u, n, negative);\n  return 0;\n}\n`,
  mixed: `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
typedef struct { char name[16]; int scores[3]; } Student;
typedef enum { SMALL, LARGE } Size;
static bool is_even(int n);
static bool is_odd(int n) { return n == 0 ? false : is_even(n - 1); }
static bool is_even(int n) { return n == 0 ? true : is_odd(n - 1); }
void swap(int **a, int **b) { int *t = *a; *a = *b; *b = t; }
int main(void) {
  Student s = { .name = "ann", .scores = {1, 2, 3} };
  Student all[2] = { s, { "bob", {4} } };
  int *ptrs[10] = {0};
  int x, y;
  x = y = 0;
  int a[4] = {1, 2, 3, 4}, b[4];
  int i = 0, j = 4;
  while (i < 4) b[i++] = a[--j];
  char digits[] = "42";
  int value = (digits[0] - '0') * 10 + (digits[1] - '0');
  unsigned flags = 0x0F & ~0x3u | (1u << 4) ^ 2;
  Size z = value > 40 ? LARGE : SMALL;
  switch (z) {
  case LARGE: {
    int inner = 2;
    x += inner;
    break;
  }
  case SMALL:
  default:
    break;
  }
  int *p = &x, *q = &y;
  swap(&p, &q);
  if (!ptrs[0] && p && *p == 0) y = 1;
  strcpy(all[1].name, s.name);
  long big = value;
  int small = big;
  printf("%d %d %u %d %s %d %d\\n", is_odd(3), b[0], flags, x, all[1].name, small, all[0].scores[2]);
  return EXIT_SUCCESS;
}
`,
  compoundLiteral: `${H}struct p { int x, y; };\nint main(void) {\n  struct p q = (struct p){1, 2};\n  int *a = (int[]){4, 5, 6};\n  printf("%d %d\\n", q.y, a[2]);\n  return 0;\n}\n`,
};
