#include <stdio.h>
#include <string.h>
int main(void) {
    char buf[64];
    int n = sprintf(buf, "%d-%s-%.2f", 7, "seven", 7.0);
    printf("%s %d %zu\n", buf, n, strlen(buf));
    char small[8];
    int m = snprintf(small, sizeof small, "%s", "overflowing");
    printf("%s %d\n", small, m);
    char line[32];
    for (int i = 0; i < 3; i++) { sprintf(line, "row%02d", i); puts(line); }
    putchar('X'); putchar('\n');
    return 0;
}
