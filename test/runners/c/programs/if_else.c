#include <stdio.h>
const char *grade(int score) {
    if (score >= 90) return "A";
    else if (score >= 80) return "B";
    else if (score >= 70) return "C";
    else return "F";
}
int main(void) {
    int scores[] = {95, 85, 75, 65, 90, 80};
    for (int i = 0; i < 6; i++) printf("%d:%s ", scores[i], grade(scores[i]));
    printf("\n");
    int x = 0;
    if (x) printf("yes\n"); else printf("no\n");
    if (!x && 1) printf("both\n");
    return 0;
}
