#include <stdio.h>
int main(void) {
    int a = 10;
    a += 5; printf("%d\n", a);
    a -= 3; printf("%d\n", a);
    a *= 4; printf("%d\n", a);
    a /= 5; printf("%d\n", a);
    a %= 4; printf("%d\n", a);
    a <<= 3; printf("%d\n", a);
    a >>= 1; printf("%d\n", a);
    a |= 3; a &= 6; a ^= 15; printf("%d\n", a);
    double d = 1.5;
    d *= 3; d -= 0.25; printf("%.2f\n", d);
    char c = 'a';
    c += 2; printf("%c\n", c);
    int i = 5;
    int j = i++;
    int k = ++i;
    printf("%d %d %d\n", i, j, k);
    return 0;
}
