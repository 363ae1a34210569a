#include <stdio.h>
#include <stdlib.h>
void alloc_into(int **out, int n) {
    *out = malloc(n * sizeof **out);
    for (int i = 0; i < n; i++) (*out)[i] = n - i;
}
void set_null(int **p) { free(*p); *p = NULL; }
int main(void) {
    int *data = NULL;
    alloc_into(&data, 4);
    printf("%d %d\n", data[0], data[3]);
    set_null(&data);
    printf("%s\n", data == NULL ? "null" : "set");
    int x = 1, y = 2;
    int *a = &x, *b = &y;
    int **pp = &a;
    *pp = b;
    **pp = 20;
    printf("%d %d %d\n", x, y, *a);
    return 0;
}
