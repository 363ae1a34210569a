#include <stdio.h>
int main(void) {
    int n = 12345, rev = 0;
    do {
        rev = rev * 10 + n % 10;
        n /= 10;
    } while (n > 0);
    printf("%d\n", rev);
    int k = 100;
    do { printf("once %d\n", k); } while (k < 50);
    int digits = 0, v = 0;
    do { digits++; v /= 10; } while (v);
    printf("%d\n", digits);
    return 0;
}
