#include <stdio.h>
typedef struct { long lo, hi; } Range;
typedef struct { int min, max, sum; } Stats;
Stats stats(const int *a, int n) {
    if (n == 1) {
        Stats one = {a[0], a[0], a[0]};
        return one;
    }
    Stats rest = stats(a + 1, n - 1);
    if (a[0] < rest.min) rest.min = a[0];
    if (a[0] > rest.max) rest.max = a[0];
    rest.sum += a[0];
    return rest;
}
Range widen(Range r, long by) { r.lo -= by; r.hi += by; return r; }
int main(void) {
    int data[] = {4, -2, 9, 7, 0, 3};
    Stats s = stats(data, 6);
    printf("%d %d %d\n", s.min, s.max, s.sum);
    Range r = {10, 20};
    Range w = widen(widen(r, 5), 1);
    printf("%ld %ld %ld %ld\n", r.lo, r.hi, w.lo, w.hi);
    return 0;
}
