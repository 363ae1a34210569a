#include <stdio.h>
int counter;
int limits[3] = {10, 20, 30};
const char *greeting = "hi";
double ratio = 0.5;
struct cfg { int w, h; } config = {640, 480};
char label[] = "global";
void bump(void) { counter += limits[counter % 3]; }
int main(void) {
    for (int i = 0; i < 4; i++) bump();
    printf("%d %s %.2f %d %d %s %zu\n", counter, greeting, ratio, config.w, config.h, label, sizeof label);
    return 0;
}
