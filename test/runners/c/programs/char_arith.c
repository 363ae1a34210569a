#include <stdio.h>
int main(void) {
    char msg[] = "Hello";
    for (int i = 0; msg[i]; i++) msg[i] = (char)((msg[i] - 'A' + 3) % 58 + 'A');
    printf("%s\n", msg);
    char c = 'z';
    printf("%d %c %c\n", c, c - 25, c + 1 - 26);
    int digit = '7' - '0';
    printf("%d\n", digit * 6);
    unsigned char wrap = 255;
    wrap++;
    printf("%d\n", wrap);
    printf("%c%c%c\n", 72, 105, 33);
    return 0;
}
