#include <stdio.h>
int main(void) {
    int n = 27, steps = 0;
    while (n != 1) {
        if (n % 2 == 0) n /= 2;
        else n = 3 * n + 1;
        steps++;
    }
    printf("collatz steps %d\n", steps);
    int i = 10;
    while (i-- > 0) {
        if (i % 3 == 0) continue;
        printf("%d ", i);
    }
    printf("\n");
    return 0;
}
