/* Brace elision: values fill inner arrays and structs in order when their braces are left out. */
#include <stdio.h>

struct point { int x, y; };
struct segment { struct point from, to; char label; };

int identity[3][3] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
struct point corners[] = {0, 0, 4, 0, 4, 3};

int main(void) {
    int grid[2][3] = {1, 2, 3, 4};
    int mixed[2][2] = {{1}, 2, 3};
    struct segment s = {1, 2, 3, 4, 'a'};
    struct segment t = {{5, 6}, 7, 8, 'b'};
    int picked[2][2] = {[1] = 9, 8, [0][1] = 7};
    char words[2][4] = {"ab", {'c', 'd'}};
    char braced[] = {"hey"};
    for (int i = 0; i < 3; i++) printf("%d %d %d\n", identity[i][0], identity[i][1], identity[i][2]);
    printf("%zu corners, last (%d, %d)\n", sizeof corners / sizeof corners[0], corners[2].x, corners[2].y);
    printf("%d %d %d %d %d %d\n", grid[0][0], grid[0][1], grid[0][2], grid[1][0], grid[1][1], grid[1][2]);
    printf("%d %d %d %d\n", mixed[0][0], mixed[0][1], mixed[1][0], mixed[1][1]);
    printf("%d %d %d %d %c\n", s.from.x, s.from.y, s.to.x, s.to.y, s.label);
    printf("%d %d %d %d %c\n", t.from.x, t.from.y, t.to.x, t.to.y, t.label);
    printf("%d %d %d %d\n", picked[0][0], picked[0][1], picked[1][0], picked[1][1]);
    printf("%s %c%c %s %zu\n", words[0], words[1][0], words[1][1], braced, sizeof braced);
    printf("%zu %zu %d\n", sizeof(_Bool), sizeof(_Bool *), (int)(_Bool)5);
    return 0;
}
