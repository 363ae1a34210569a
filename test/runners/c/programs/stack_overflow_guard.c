#include <stdio.h>
int depth(int n) {
    int local[4] = {n, n, n, n};
    if (n == 0) return local[0];
    return depth(n - 1) + local[3] % 2;
}
int main(void) {
    printf("%d\n", depth(150));
    return 0;
}
