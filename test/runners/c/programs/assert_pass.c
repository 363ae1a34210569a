#include <stdio.h>
#include <assert.h>
int main(void) {
    int a[3] = {1, 2, 3};
    for (int i = 0; i < 3; i++) assert(a[i] == i + 1);
    printf("all good\n");
    return 0;
}
