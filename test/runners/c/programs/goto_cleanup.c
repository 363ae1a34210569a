#include <stdio.h>
#include <stdlib.h>
int work(int fail) {
    int status = -1;
    int *a = malloc(10 * sizeof(int));
    if (!a) goto out;
    int *b = malloc(20 * sizeof(int));
    if (!b) goto free_a;
    if (fail) goto free_b;
    status = 0;
free_b:
    free(b);
free_a:
    free(a);
out:
    return status;
}
int main(void) {
    printf("%d %d\n", work(0), work(1));
    int i = 0;
again:
    i++;
    if (i < 5) goto again;
    printf("%d\n", i);
    return 0;
}
