#include <stdio.h>
void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
int main(void) {
    int x = 3, y = 8;
    int *p = &x;
    *p = 10;
    swap(&x, &y);
    printf("%d %d\n", x, y);
    int **pp = &p;
    **pp = 99;
    printf("%d %d\n", y, *p);
    p = &y;
    printf("%d %d\n", *p == y, p == &y);
    int *null = NULL;
    printf("%d\n", null == 0);
    return 0;
}
