#include <stdio.h>
int main(void) {
    char array[] = "hello";
    char *literal = "hello";
    array[0] = 'J';
    printf("%s %s\n", array, literal);
    literal[0] = 'J';
    printf("never printed\n");
    return 0;
}
