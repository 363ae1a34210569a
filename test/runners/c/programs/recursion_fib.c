#include <stdio.h>
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
long fact(int n) { if (n <= 1) return 1; return n * fact(n - 1); }
int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
int main(void) {
    for (int i = 0; i < 15; i++) printf("%d ", fib(i));
    printf("\n%ld %ld\n", fact(10), fact(20));
    printf("%d\n", gcd(1071, 462));
    return 0;
}
