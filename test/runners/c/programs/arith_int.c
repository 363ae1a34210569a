#include <stdio.h>
int main(void) {
    int a = 17, b = 5;
    printf("%d %d %d %d %d\n", a + b, a - b, a * b, a / b, a % b);
    printf("%d %d\n", -17 / 5, -17 % 5);
    int big = 2147483647;
    big = big + 1;
    printf("%d\n", big);
    unsigned int u = 0;
    u = u - 1;
    printf("%u %x\n", u, u);
    return 0;
}
