#include <stdio.h>
#include <ctype.h>
int main(void) {
    const char *s = "Hello, World 42!\t";
    int alpha = 0, digit = 0, space = 0, punct = 0, upper = 0;
    for (const char *p = s; *p; p++) {
        alpha += isalpha(*p) != 0;
        digit += isdigit(*p) != 0;
        space += isspace(*p) != 0;
        punct += ispunct(*p) != 0;
        upper += isupper(*p) != 0;
    }
    printf("%d %d %d %d %d\n", alpha, digit, space, punct, upper);
    char out[32];
    int i = 0;
    for (const char *p = s; *p; p++) out[i++] = islower(*p) ? toupper(*p) : tolower(*p);
    out[i] = 0;
    printf("%s|\n", out);
    printf("%d %d\n", isxdigit('f') != 0, isalnum('_') != 0);
    return 0;
}
