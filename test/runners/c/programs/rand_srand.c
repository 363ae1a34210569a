#include <stdio.h>
#include <stdlib.h>
int main(void) {
    for (int i = 0; i < 3; i++) printf("%d\n", rand());
    srand(2024);
    for (int i = 0; i < 5; i++) printf("%d ", rand() % 100);
    printf("\n");
    srand(0);
    printf("%d\n", rand());
    srand(1);
    printf("%d\n", rand());
    return 0;
}
