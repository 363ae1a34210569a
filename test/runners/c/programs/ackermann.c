#include <stdio.h>
int ack(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
int depth = 0, maxdepth = 0;
int sum(int n) { depth++; if (depth > maxdepth) maxdepth = depth; int r = n == 0 ? 0 : n + sum(n - 1); depth--; return r; }
int main(void) {
    printf("%d %d\n", ack(2, 3), ack(1, 5));
    printf("%d %d\n", sum(200), maxdepth);
    return 0;
}
