#include <stdio.h>
enum color { RED, GREEN = 5, BLUE, YELLOW = -2, PURPLE };
typedef enum { MON = 1, TUE, WED } day;
const char *name(enum color c) {
    switch (c) { case RED: return "red"; case GREEN: return "green"; case BLUE: return "blue"; default: return "other"; }
}
int main(void) {
    printf("%d %d %d %d %d\n", RED, GREEN, BLUE, YELLOW, PURPLE);
    enum color c = BLUE;
    printf("%s %s\n", name(c), name(PURPLE));
    day d = WED;
    printf("%d %zu\n", d, sizeof(d));
    for (day x = MON; x <= WED; x++) printf("%d ", x);
    printf("\n");
    return 0;
}
