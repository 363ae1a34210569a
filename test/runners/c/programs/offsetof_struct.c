#include <stdio.h>
#include <stddef.h>
struct rec { char tag; double value; short n; int id; char name[5]; };
int main(void) {
    printf("%zu %zu %zu %zu %zu %zu\n", offsetof(struct rec, tag), offsetof(struct rec, value), offsetof(struct rec, n), offsetof(struct rec, id), offsetof(struct rec, name), sizeof(struct rec));
    struct rec r;
    printf("%ld\n", (long)((char *)&r.id - (char *)&r));
    printf("%zu\n", _Alignof(struct rec));
    return 0;
}
