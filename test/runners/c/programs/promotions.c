#include <stdio.h>
int main(void) {
    char c = 100;
    char d = 100;
    int s = c + d;
    char t = c + d;
    printf("%d %d\n", s, t);
    unsigned char uc = 200;
    signed char sc = -56;
    printf("%d %d %d\n", uc, sc, uc == (unsigned char)sc);
    short sh = 32767;
    sh++;
    printf("%d\n", sh);
    unsigned u = 1;
    int i = -1;
    printf("%d\n", i < u);
    long l = -1;
    printf("%d\n", l < u);
    printf("%d\n", (unsigned char)300);
    return 0;
}
