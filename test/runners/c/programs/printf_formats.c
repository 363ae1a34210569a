#include <stdio.h>
int main(void) {
    printf("[%5d][%-5d][%05d][%+d][% d]\n", 42, 42, 42, 42, 42);
    printf("[%x][%X][%#x][%o][%#o]\n", 255, 255, 255, 8, 8);
    printf("[%10s][%-10s][%.3s]\n", "right", "left", "truncate");
    printf("[%c][%5c][%%]\n", 'A', 'B');
    printf("[%ld][%lu][%lld][%zu]\n", -1L, 4294967296UL, 123456789012LL, sizeof(double));
    printf("[%.0f][%.1f][%10.4f][%e][%G]\n", 2.5, 0.05, 3.14159265, 0.000123, 1e-10);
    printf("[%*d][%-*d][%.*f]\n", 6, 7, 4, 8, 2, 3.14159);
    printf("[%i][%u]\n", -3, -3);
    printf("[%hhd][%hd]\n", 300, 70000);
    return 0;
}
