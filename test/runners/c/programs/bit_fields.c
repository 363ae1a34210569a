/* Bit-fields: members of a few bits each, packed into shared bytes as gcc packs them on x86-64. */
#include <stdio.h>
struct flags { unsigned a : 3; unsigned b : 5; int c : 4; unsigned d : 20; _Bool on : 1; };
struct packed { char tag; int : 0; char after; long wide : 40; unsigned short s : 9; };
struct flags make(void) { struct flags f = {.c = -1, .a = 2}; return f; }
int main(void) {
    struct flags f = {5, 17, -3, 1000, 1};
    struct packed p = {'x', 'y', -5, 300};
    f.a = 9;
    f.c += 1;
    f.b++;
    --f.d;
    f.on = 7;
    int neg = f.a - 5;
    printf("%zu %u %u %d %u %d %d\n", sizeof f, f.a, f.b, f.c, f.d, f.on, neg);
    printf("%zu %c %c %ld %u\n", sizeof p, p.tag, p.after, p.wide, p.s);
    printf("%d %u\n", make().c, make().a);
    unsigned char *bytes = (unsigned char *)&f;
    /* the four bytes a to d fill; the bits after them are padding, which C leaves unspecified */
    for (int i = 0; i < 4; i++) printf("%02x", bytes[i]);
    printf("\n");
    return 0;
}
