#include <stdio.h>
int main(void) {
    int n, x;
    long total = 0;
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n; i++) {
        if (scanf("%d", &x) != 1) return 2;
        total += x;
    }
    double d;
    char word[16];
    int got = scanf("%lf %15s", &d, word);
    printf("n=%d total=%ld got=%d d=%.2f word=%s\n", n, total, got, d, word);
    printf("%d\n", scanf("%d", &x));
    return 0;
}
