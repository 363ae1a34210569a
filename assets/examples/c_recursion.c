/* Each call gets its own stack frame with its own n; the frames go away as the calls return. */
#include <stdio.h>

int factorial(int n) {
    if (n <= 1) {
        return 1;
    }
    int smaller = factorial(n - 1);
    return n * smaller;
}

int main(void) {
    int result = factorial(4);
    printf("4! = %d\n", result);
    return 0;
}
