#include <stdio.h>
#include <string.h>
#include <ctype.h>
int is_pal(const char *s) {
    int i = 0, j = (int)strlen(s) - 1;
    while (i < j) {
        if (!isalpha(s[i])) { i++; continue; }
        if (!isalpha(s[j])) { j--; continue; }
        if (tolower(s[i]) != tolower(s[j])) return 0;
        i++; j--;
    }
    return 1;
}
int main(void) {
    const char *tests[] = {"A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw", ""};
    for (int i = 0; i < 4; i++) printf("%d", is_pal(tests[i]));
    printf("\n");
    return 0;
}
