#include <stdio.h>
#define N 3
void mul(int a[N][N], int b[N][N], int c[N][N]) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            c[i][j] = 0;
            for (int k = 0; k < N; k++) c[i][j] += a[i][k] * b[k][j];
        }
}
int main(void) {
    int a[N][N] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int b[N][N] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 2}};
    int c[N][N];
    mul(a, b, c);
    for (int i = 0; i < N; i++) { for (int j = 0; j < N; j++) printf("%4d", c[i][j]); printf("\n"); }
    int *flat = &a[0][0];
    printf("%d %d\n", flat[5], a[2][1]);
    return 0;
}
