#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    const char *words[] = {"alpha", "beta", "gamma"};
    char *copies[3];
    for (int i = 0; i < 3; i++) copies[i] = strdup(words[i]);
    copies[1][0] = 'B';
    for (int i = 0; i < 3; i++) printf("%s %s\n", words[i], copies[i]);
    for (int i = 0; i < 3; i++) free(copies[i]);
    return 0;
}
