#include <stdio.h>
#include <stdbool.h>
struct pad { char c; int i; char d; };
struct packed { int i; char c; char d; };
struct withptr { char c; double *p; short s; };
union u { int i; double d; char s[10]; };
int main(void) {
    bool flag = true;
    printf("%zu %zu %zu %zu %zu\n", sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(long long));
    printf("%zu %zu %zu %zu\n", sizeof(float), sizeof(double), sizeof(void *), sizeof flag);
    printf("%zu %zu %zu %zu\n", sizeof(struct pad), sizeof(struct packed), sizeof(struct withptr), sizeof(union u));
    int arr[7];
    printf("%zu %zu\n", sizeof arr, sizeof arr / sizeof arr[0]);
    char s[] = "hello";
    printf("%zu %zu\n", sizeof s, sizeof "abc");
    int m[3][4];
    printf("%zu %zu\n", sizeof m, sizeof m[0]);
    return 0;
}
