#include <stdio.h>
#include <stdlib.h>
int main(void) {
    int n = 10;
    int *a = malloc(n * sizeof *a);
    if (a == NULL) return 1;
    for (int i = 0; i < n; i++) a[i] = i * i;
    long total = 0;
    for (int i = 0; i < n; i++) total += a[i];
    printf("%ld\n", total);
    free(a);
    double *d = calloc(4, sizeof(double));
    printf("%.1f %.1f\n", d[0], d[3]);
    free(d);
    return 0;
}
