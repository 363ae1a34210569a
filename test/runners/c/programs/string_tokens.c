#include <stdio.h>
#include <string.h>
#include <ctype.h>
int count_words(const char *s) {
    int n = 0;
    while (*s) {
        while (*s && isspace((unsigned char)*s)) s++;
        if (*s) n++;
        while (*s && !isspace((unsigned char)*s)) s++;
    }
    return n;
}
int main(void) {
    const char *text = "  one two   three\tfour ";
    printf("%d\n", count_words(text));
    char word[16];
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\t') p++;
        int n = 0;
        while (*p && *p != ' ' && *p != '\t') word[n++] = *p++;
        word[n] = '\0';
        if (n) printf("<%s>", word);
    }
    printf("\n");
    return 0;
}
