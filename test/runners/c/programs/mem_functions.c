#include <stdio.h>
#include <string.h>
int main(void) {
    int a[5] = {1, 2, 3, 4, 5};
    int b[5];
    memcpy(b, a, sizeof a);
    memset(a, 0, 2 * sizeof(int));
    printf("%d %d %d | %d %d\n", a[0], a[1], a[2], b[0], b[4]);
    memmove(b + 1, b, 3 * sizeof(int));
    for (int i = 0; i < 5; i++) printf("%d ", b[i]);
    printf("\n%d %d\n", memcmp(a, b, sizeof a) < 0, memcmp(b, b, 8));
    char s[10];
    memset(s, 'x', 9);
    s[9] = 0;
    printf("%s\n", s);
    unsigned char bytes[4];
    int v = 0x01020304;
    memcpy(bytes, &v, 4);
    printf("%d %d %d %d\n", bytes[0], bytes[1], bytes[2], bytes[3]);
    return 0;
}
