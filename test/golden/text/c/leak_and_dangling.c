#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int *scores = malloc(3 * sizeof *scores);
    scores[0] = 90;
    scores = malloc(5 * sizeof *scores);
    scores[0] = 75;
    int *first = scores;
    free(scores);
    printf("%d\n", first[0]);
    return 0;
}
