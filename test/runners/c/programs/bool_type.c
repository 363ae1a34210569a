#include <stdio.h>
#include <stdbool.h>
bool is_even(int n) { return n % 2 == 0; }
int main(void) {
    bool flags[5];
    for (int i = 0; i < 5; i++) flags[i] = is_even(i);
    for (int i = 0; i < 5; i++) printf("%d", flags[i]);
    bool b = 42;
    printf("\n%d %d %zu\n", b, true + true, sizeof b);
    _Bool z = 0.5;
    printf("%d\n", z);
    return 0;
}
