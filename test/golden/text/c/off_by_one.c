/* Writing one element past the end of a heap block: the loop's test lets i reach n. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n = 4;
    int *a = malloc(n * sizeof *a);
    for (int i = 0; i <= n; i++) {
        a[i] = i * 10;
    }
    printf("%d\n", a[0]);
    free(a);
    return 0;
}
