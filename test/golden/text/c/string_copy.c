#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    const char *greeting = "hello";
    char buf[8];
    strcpy(buf, greeting);
    char *copy = strdup(buf);
    copy[0] = 'j';
    printf("%s %s %s\n", greeting, buf, copy);
    free(copy);
    return 0;
}
