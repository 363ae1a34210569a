#include <stdio.h>
#include <stdlib.h>
int **make(int rows, int cols) {
    int **m = malloc(rows * sizeof(int *));
    for (int i = 0; i < rows; i++) {
        m[i] = malloc(cols * sizeof(int));
        for (int j = 0; j < cols; j++) m[i][j] = i * cols + j;
    }
    return m;
}
int main(void) {
    int r = 3, c = 4;
    int **m = make(r, c);
    long trace = 0;
    for (int i = 0; i < r; i++) trace += m[i][i];
    printf("%ld %d\n", trace, m[2][3]);
    for (int i = 0; i < r; i++) free(m[i]);
    free(m);
    return 0;
}
