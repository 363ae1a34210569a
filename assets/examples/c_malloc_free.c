/* malloc reserves a block on the heap; free gives it back, but the pointer still holds its address. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n = 5;
    int *squares = malloc(n * sizeof *squares);
    if (squares == NULL) {
        return 1;
    }
    for (int i = 0; i < n; i++) {
        squares[i] = i * i;
    }
    printf("squares[4] = %d\n", squares[4]);
    free(squares);
    squares = NULL;
    return 0;
}
