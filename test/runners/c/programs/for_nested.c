#include <stdio.h>
int main(void) {
    for (int i = 1; i <= 5; i++) {
        for (int j = 1; j <= i; j++) printf("%d", i * j % 10);
        printf("\n");
    }
    int found = -1;
    for (int i = 2; i < 100; i++) {
        int prime = 1;
        for (int d = 2; d * d <= i; d++)
            if (i % d == 0) { prime = 0; break; }
        if (prime && i > 90) { found = i; break; }
    }
    printf("%d\n", found);
    int i, total = 0;
    for (i = 0; ; i++) { if (i > 10) break; total += i; }
    printf("%d %d\n", i, total);
    return 0;
}
