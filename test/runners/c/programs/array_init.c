#include <stdio.h>
int main(void) {
    int a[5] = {1, 2};
    int b[] = {[2] = 7, [4] = 9};
    char s[8] = "hi";
    int z[4] = {0};
    printf("%d %d %d %d %d\n", a[0], a[1], a[2], a[3], a[4]);
    printf("%zu %d %d %d\n", sizeof b / sizeof b[0], b[0], b[2], b[4]);
    printf("%s %d %d\n", s, s[2], s[7]);
    printf("%d %d\n", z[0], z[3]);
    struct { int x, y; } pts[3] = {{1, 2}, [2] = {5, 6}};
    printf("%d %d %d %d\n", pts[0].y, pts[1].x, pts[2].x, pts[2].y);
    return 0;
}
