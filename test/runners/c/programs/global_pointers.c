#include <stdio.h>
int value = 7;
int *where = &value;
const char *days[] = {"mon", "tue", "wed"};
int table[2][3] = {{1, 2, 3}, {4, 5, 6}};
int *row;
struct op { const char *name; int (*fn)(int); };
int twice(int x) { return 2 * x; }
int negate(int x) { return -x; }
struct op ops[] = {{"twice", twice}, {"negate", negate}};
int main(void) {
    *where += 1;
    row = table[1];
    printf("%d %s %d %d\n", value, days[2], row[2], table[0][1]);
    for (int i = 0; i < 2; i++) printf("%s(5)=%d\n", ops[i].name, ops[i].fn(5));
    int n = 0;
    size_t s = sizeof(n++);
    printf("%zu %d\n", s, n);
    return 0;
}
