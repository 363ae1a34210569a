#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    int n = 200;
    char *composite = calloc(n + 1, 1);
    int count = 0;
    for (int i = 2; i <= n; i++) {
        if (composite[i]) continue;
        count++;
        for (int j = i * i; j <= n; j += i) composite[j] = 1;
    }
    printf("%d primes below %d\n", count, n);
    free(composite);
    return 0;
}
