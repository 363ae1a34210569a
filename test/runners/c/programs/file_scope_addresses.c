/* Addresses known before the program runs: a row of a global array, a member of a global struct. */
#include <stdio.h>
struct rec { int id; char name[8]; };
int table[3][2] = {{1, 2}, {3, 4}, {5, 6}};
struct rec people[2] = {{1, "ada"}, {2, "alan"}};
int *row = table[1];
int *cell = &table[2][1];
char *second = people[1].name;
int *id = &people[0].id;
int main(void) {
    static int *last = table[2];
    printf("%d %d %d %s %d %d\n", row[0], row[1], *cell, second, *id, last[1]);
    return 0;
}
