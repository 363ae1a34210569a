#include <stdio.h>
int main(void) {
    int a[6] = {1, 2, 3, 4, 5, 6};
    int *p = a, *q = a + 5;
    printf("%ld %d %d\n", (long)(q - p), *(p + 2), q[-1]);
    long sum = 0;
    for (int *r = a; r < a + 6; r++) sum += *r;
    printf("%ld\n", sum);
    char s[] = "pointer";
    char *c = s;
    while (*c) c++;
    printf("%ld\n", (long)(c - s));
    double d[3] = {1.5, 2.5, 3.5};
    double *dp = &d[2];
    printf("%.1f %ld\n", *(dp - 1), (long)((char *)dp - (char *)d));
    printf("%d\n", 2[a]);
    return 0;
}
