#include <stdio.h>
#include <stdlib.h>
void check(int v) {
    if (v > 3) {
        printf("too big: %d\n", v);
        exit(7);
    }
}
int main(void) {
    for (int i = 0; i < 10; i++) { check(i); printf("ok %d\n", i); }
    return 0;
}
