#include <stdio.h>
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
int mul(int a, int b) { return a * b; }
int apply(int (*f)(int, int), int x, int y) { return f(x, y); }
int main(void) {
    int (*ops[3])(int, int) = {add, sub, mul};
    const char *names[] = {"add", "sub", "mul"};
    for (int i = 0; i < 3; i++) printf("%s %d\n", names[i], ops[i](7, 3));
    int (*f)(int, int) = &mul;
    printf("%d %d\n", (*f)(4, 5), apply(sub, 10, 4));
    printf("%d\n", f == mul);
    return 0;
}
