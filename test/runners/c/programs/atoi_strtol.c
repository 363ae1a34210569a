#include <stdio.h>
#include <stdlib.h>
int main(void) {
    printf("%d %d %d\n", atoi("123"), atoi("  -45xyz"), atoi("abc"));
    char *end;
    long v = strtol("0x1F rest", &end, 16);
    printf("%ld [%s]\n", v, end);
    v = strtol("  -077", &end, 0);
    printf("%ld [%s]\n", v, end);
    v = strtol("1010", NULL, 2);
    printf("%ld\n", v);
    printf("%.3f %.2f\n", atof("3.14159"), atof("-2.5e2"));
    printf("%d %ld\n", abs(-17), labs(-5000000000L));
    return 0;
}
