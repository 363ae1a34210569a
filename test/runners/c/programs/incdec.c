#include <stdio.h>
int main(void) {
    int i = 0;
    int a = i++;
    int b = ++i;
    int c = i--;
    int d = --i;
    printf("%d %d %d %d %d\n", a, b, c, d, i);
    int arr[4] = {10, 20, 30, 40};
    int *p = arr;
    printf("%d ", *p++);
    printf("%d ", *++p);
    printf("%d ", (*p)++);
    printf("%d\n", arr[2]);
    double x = 1.5;
    x++;
    printf("%.1f\n", x);
    return 0;
}
