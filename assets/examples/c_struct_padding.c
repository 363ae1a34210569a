/* The compiler adds padding so each member sits at an address its type can use. */
#include <stdio.h>
#include <stddef.h>

struct Loose {
    char tag;
    int count;
    char flag;
    double weight;
};

struct Tight {
    double weight;
    int count;
    char tag;
    char flag;
};

int main(void) {
    struct Loose a = {'a', 1, 'y', 2.5};
    struct Tight b = {2.5, 1, 'a', 'y'};
    printf("Loose: %zu bytes, count at %zu, weight at %zu\n", sizeof a, offsetof(struct Loose, count), offsetof(struct Loose, weight));
    printf("Tight: %zu bytes, count at %zu, tag at %zu\n", sizeof b, offsetof(struct Tight, count), offsetof(struct Tight, tag));
    return 0;
}
