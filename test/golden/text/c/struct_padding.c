#include <stdio.h>
#include <stdlib.h>

struct reading {
    char sensor;
    double value;
    short count;
};

int main(void) {
    struct reading one = {'a', 20.5, 3};
    struct reading *log = malloc(2 * sizeof *log);
    log[0] = one;
    log[1].sensor = 'b';
    printf("%zu\n", sizeof one);
    free(log);
    return 0;
}
