#include <stdio.h>
struct point { int x, y; };
int manhattan(struct point p) { return (p.x < 0 ? -p.x : p.x) + (p.y < 0 ? -p.y : p.y); }
int total(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int main(void) {
    printf("%d\n", manhattan((struct point){-3, 4}));
    printf("%d\n", total((int[]){1, 2, 3, 4}, 4));
    struct point *p = &(struct point){.y = 7};
    p->x += 2;
    printf("%d %d\n", p->x, p->y);
    return 0;
}
