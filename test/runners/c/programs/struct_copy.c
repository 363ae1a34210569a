#include <stdio.h>
struct point { int x, y; };
struct rect { struct point tl, br; char name[8]; };
struct point add(struct point a, struct point b) { struct point r = { a.x + b.x, a.y + b.y }; return r; }
int area(struct rect r) { return (r.br.x - r.tl.x) * (r.br.y - r.tl.y); }
int main(void) {
    struct point p = {1, 2}, q = {10, 20};
    struct point s = add(p, q);
    printf("%d %d\n", s.x, s.y);
    struct rect r = { {0, 0}, {4, 5}, "box" };
    struct rect copy = r;
    copy.br.x = 10;
    copy.name[0] = 'B';
    printf("%d %d %s %s\n", area(r), area(copy), r.name, copy.name);
    printf("%d\n", add(p, p).y);
    struct point *pp = &copy.tl;
    pp->x = -1;
    printf("%d\n", copy.tl.x);
    return 0;
}
