#include <stdio.h>
int main(void) {
    int c, lines = 0, chars = 0, words = 0, in = 0;
    while ((c = getchar()) != EOF) {
        chars++;
        if (c == '\n') lines++;
        if (c == ' ' || c == '\n' || c == '\t') in = 0;
        else if (!in) { in = 1; words++; }
    }
    printf("%d %d %d\n", lines, words, chars);
    return 0;
}
