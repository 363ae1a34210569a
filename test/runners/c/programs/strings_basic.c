#include <stdio.h>
#include <string.h>
int main(void) {
    char buf[64];
    strcpy(buf, "Hello");
    strcat(buf, ", ");
    strcat(buf, "world");
    printf("%s %zu\n", buf, strlen(buf));
    printf("%d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("x", "x"));
    printf("%d\n", strncmp("hello", "help", 3));
    char *comma = strchr(buf, ',');
    printf("%ld %s\n", (long)(comma - buf), comma + 2);
    char small[4];
    strncpy(small, "abcdef", 3);
    small[3] = '\0';
    printf("%s\n", small);
    printf("%p\n", (void *)strchr(buf, 'z'));
    return 0;
}
