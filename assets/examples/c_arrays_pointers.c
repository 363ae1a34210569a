/* An array is a block of elements; a pointer only holds the address of one of them. */
#include <stdio.h>

int sum(int *values, int count) {
    int total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

int main(void) {
    int numbers[4] = {3, 1, 4, 1};
    int *p = numbers;
    p[2] = 5;
    int *last = &numbers[3];
    printf("sizeof numbers = %zu, sizeof p = %zu\n", sizeof numbers, sizeof p);
    printf("last - p = %ld\n", (long)(last - p));
    printf("sum = %d\n", sum(numbers, 4));
    return 0;
}
