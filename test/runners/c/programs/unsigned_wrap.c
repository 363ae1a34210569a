#include <stdio.h>
int main(void) {
    unsigned long long big = 18446744073709551615ULL;
    big += 2;
    printf("%llu\n", big);
    unsigned short us = 65535;
    us += 1;
    printf("%u\n", us);
    int neg = -5;
    unsigned int as_u = neg;
    printf("%u %d\n", as_u, (int)as_u);
    long product = 100000 * 100000L;
    int overflow = 100000 * 30000;
    printf("%ld %d\n", product, overflow);
    unsigned mask = -1;
    printf("%x %u\n", mask >> 4, mask % 1000);
    size_t n = 0;
    n--;
    printf("%zu\n", n);
    printf("%d\n", -7 >> 1);
    return 0;
}
