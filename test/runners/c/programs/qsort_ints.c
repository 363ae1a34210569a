#include <stdio.h>
#include <stdlib.h>
int asc(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
int desc(const void *a, const void *b) { return asc(b, a); }
int main(void) {
    int v[] = {42, -7, 19, 0, 88, 3, 19, -100, 55, 1};
    int n = sizeof v / sizeof v[0];
    qsort(v, n, sizeof(int), asc);
    for (int i = 0; i < n; i++) printf("%d ", v[i]);
    printf("\n");
    qsort(v, n, sizeof v[0], desc);
    for (int i = 0; i < n; i++) printf("%d ", v[i]);
    printf("\n");
    return 0;
}
