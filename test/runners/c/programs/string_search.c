#include <stdio.h>
#include <string.h>
#include <stdlib.h>
int main(void) {
    const char *path = "/usr/local/bin/memsim";
    const char *base = strrchr(path, '/') + 1;
    printf("%s\n", base);
    const char *hit = strstr(path, "local");
    printf("%ld %s\n", (long)(hit - path), strstr(path, "nope") ? "found" : "none");
    char buf[32] = "mem";
    strncat(buf, "simulator", 3);
    printf("%s %zu\n", buf, strlen(buf));
    char *end;
    unsigned long u = strtoul("4294967296xyz", &end, 10);
    printf("%lu %s\n", u, end);
    printf("%lu\n", strtoul("-1", NULL, 10));
    int a, b;
    char name[8];
    int got = sscanf("12 34 bob", "%d %d %7s", &a, &b, name);
    printf("%d %d %d %s\n", got, a, b, name);
    return 0;
}
