#include <stdio.h>
#include <stdlib.h>
typedef unsigned long ulong;
typedef int (*cmp_fn)(int, int);
typedef struct pair { int a, b; } Pair;
typedef Pair *PairPtr;
int bigger(int a, int b) { return a > b ? a : b; }
int main(void) {
    ulong x = (ulong)-1;
    cmp_fn f = bigger;
    PairPtr p = malloc(sizeof(Pair));
    p->a = f(3, 9);
    p->b = (int)(x >> 60);
    printf("%lu %d %d\n", x, p->a, p->b);
    int n = (int) - 5;
    printf("%d\n", n);
    free(p);
    return 0;
}
