#include <stdio.h>
int main(void) {
    int zero = 0;
    printf("start\n");
    int x = 10 / zero;
    printf("%d\n", x);
    return 0;
}
