#include <stdio.h>
#include <stdlib.h>
int main(void) {
    int cap = 2, len = 0;
    int *v = malloc(cap * sizeof(int));
    for (int i = 0; i < 20; i++) {
        if (len == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof(int));
        }
        v[len++] = i * 3;
    }
    printf("%d %d %d %d\n", len, cap, v[0], v[19]);
    v = realloc(v, 5 * sizeof(int));
    printf("%d\n", v[4]);
    free(v);
    int *fresh = realloc(NULL, 8);
    fresh[0] = 5;
    printf("%d\n", fresh[0]);
    free(fresh);
    return 0;
}
