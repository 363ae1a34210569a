#include <stdio.h>
#include <assert.h>
int divide(int a, int b) { assert(b != 0); return a / b; }
int main(void) {
    printf("%d\n", divide(10, 2));
    printf("%d\n", divide(1, 0));
    return 0;
}
