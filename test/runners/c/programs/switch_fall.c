#include <stdio.h>
int days(int month) {
    switch (month) {
    case 2: return 28;
    case 4: case 6: case 9: case 11: return 30;
    default: return 31;
    }
}
int main(void) {
    for (int m = 1; m <= 12; m++) printf("%d ", days(m));
    printf("\n");
    for (int i = 0; i < 5; i++) {
        switch (i) {
        case 0: printf("zero ");
        case 1: printf("one "); break;
        case 3: printf("three ");
        default: printf("other ");
        }
        printf("| ");
    }
    printf("\n");
    char op = '*';
    switch (op) { case '+': printf("plus\n"); break; case '*': printf("times\n"); break; }
    return 0;
}
