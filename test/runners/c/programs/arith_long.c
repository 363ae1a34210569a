#include <stdio.h>
int main(void) {
    long x = 9223372036854775807L;
    unsigned long y = 18446744073709551615UL;
    long long z = -9223372036854775807LL - 1;
    printf("%ld %lu %lld\n", x, y, z);
    x = x + 1;
    y = y + 2;
    printf("%ld %lu\n", x, y);
    long m = 123456789L * 1000;
    printf("%ld %ld\n", m, m / 7);
    printf("%zu %zu\n", sizeof(long), sizeof(long long));
    return 0;
}
