#include <stdio.h>
union number { int i; float f; unsigned char bytes[4]; };
int main(void) {
    union number n;
    n.f = 1.0f;
    printf("%x\n", n.i);
    printf("%d %d %d %d\n", n.bytes[0], n.bytes[1], n.bytes[2], n.bytes[3]);
    n.i = 0x40490fdb;
    printf("%.5f\n", n.f);
    union { long l; double d; } u;
    u.d = -2.0;
    printf("%lx\n", (unsigned long)u.l);
    printf("%zu\n", sizeof(union number));
    return 0;
}
