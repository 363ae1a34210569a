#include <stdio.h>
int main(void) {
    unsigned int a = 0xF0F0, b = 0x0FF0;
    printf("%x %x %x %x\n", a & b, a | b, a ^ b, ~a);
    printf("%d %d\n", 1 << 10, -16 >> 2);
    unsigned x = 0x80000000u;
    printf("%u %u\n", x >> 31, x << 1);
    int flags = 0;
    flags |= 1 << 3;
    flags |= 1 << 1;
    flags &= ~(1 << 3);
    printf("%d\n", flags);
    unsigned long big = 1UL << 40;
    printf("%lu\n", big);
    int count = 0;
    for (unsigned v = 0xDEADBEEF; v; v >>= 1) count += v & 1;
    printf("%d\n", count);
    return 0;
}
