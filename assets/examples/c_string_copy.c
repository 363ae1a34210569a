/* A string is an array of chars ending with '\0'; copying it needs room for that last byte too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    const char *greeting = "hello";
    char *copy = malloc(strlen(greeting) + 1);
    strcpy(copy, greeting);
    copy[0] = 'j';
    printf("%s %s\n", greeting, copy);
    printf("strlen = %zu, bytes used = %zu\n", strlen(copy), strlen(copy) + 1);
    free(copy);
    return 0;
}
