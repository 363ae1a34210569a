#include <stdio.h>
int calls = 0;
int touch(int v) { calls++; return v; }
int main(void) {
    int r1 = touch(0) && touch(1);
    int r2 = touch(1) || touch(0);
    int r3 = touch(1) && touch(2);
    printf("%d %d %d calls=%d\n", r1, r2, r3, calls);
    int x = 5;
    int y = (x > 3) ? x * 2 : x / 2;
    printf("%d %d\n", y, !x);
    int z = (x++, x++, x);
    printf("%d %d\n", z, x);
    return 0;
}
