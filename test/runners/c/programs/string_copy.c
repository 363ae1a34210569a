#include <stdio.h>
void my_strcpy(char *dst, const char *src) { while ((*dst++ = *src++)) ; }
int my_strlen(const char *s) { int n = 0; while (s[n]) n++; return n; }
void reverse(char *s) { int n = my_strlen(s); for (int i = 0, j = n - 1; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; } }
int main(void) {
    char a[32];
    my_strcpy(a, "memory matters");
    printf("%s (%d)\n", a, my_strlen(a));
    reverse(a);
    printf("%s\n", a);
    return 0;
}
