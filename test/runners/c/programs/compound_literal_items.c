/* Compound literals whose items are structs, arrays and strings, their lengths taken from the items. */
#include <stdio.h>

struct point { int x, y; };
struct line { struct point from, to; };

int main(void) {
    struct point a = {1, 2};
    struct line l = (struct line){a, (struct point){3, 4}};
    struct point *ps = (struct point[]){{5, 6}, {7, 8}};
    int (*m)[2] = (int[][2]){1, 2, 3, 4};
    double d = ((double[]){1.5, 2.5})[1];
    char *s = (char[]){"hi"};
    long n = (long){7};
    printf("%d %d %d %d\n", l.from.x, l.from.y, l.to.x, l.to.y);
    printf("%d %d %d %d\n", ps[1].x, ps[0].y, m[1][0], m[0][1]);
    printf("%zu %zu %g %s %ld\n", sizeof((int[]){1, 2, 3}), sizeof((struct point[]){a, a, a}), d, s, n);
    return 0;
}
