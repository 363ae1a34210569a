#include <stdio.h>
int next_id(void) { static int id = 100; return id++; }
int calls(void) { static int n; return ++n; }
int main(void) {
    for (int i = 0; i < 3; i++) printf("%d ", next_id());
    for (int i = 0; i < 3; i++) printf("%d ", calls());
    printf("\n");
    return 0;
}
