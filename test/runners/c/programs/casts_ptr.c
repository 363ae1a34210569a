#include <stdio.h>
int main(void) {
    int v = 0x11223344;
    unsigned char *b = (unsigned char *)&v;
    printf("%x %x %x %x\n", b[0], b[1], b[2], b[3]);
    short *s = (short *)&v;
    printf("%x %x\n", s[0], s[1]);
    double d = 3.75;
    long bits = *(long *)&d;
    printf("%lx\n", bits);
    void *vp = &v;
    int *ip = vp;
    printf("%d\n", *ip == v);
    long addr_diff = (long)((char *)(b + 3) - (char *)b);
    printf("%ld\n", addr_diff);
    printf("%d %u %d\n", (int)3000000000u, (unsigned)-1, (signed char)0xff);
    printf("%ld\n", (long)(int)-1.9);
    return 0;
}
