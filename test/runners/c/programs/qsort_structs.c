#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef struct { char name[12]; int age; } Person;
int by_age(const void *a, const void *b) { return ((const Person *)a)->age - ((const Person *)b)->age; }
int by_name(const void *a, const void *b) { return strcmp(((const Person *)a)->name, ((const Person *)b)->name); }
int main(void) {
    Person p[5] = { {"Zoe", 30}, {"Adam", 25}, {"Mia", 30}, {"Bob", 19}, {"Eve", 25} };
    qsort(p, 5, sizeof(Person), by_age);
    for (int i = 0; i < 5; i++) printf("%s:%d ", p[i].name, p[i].age);
    printf("\n");
    qsort(p, 5, sizeof(Person), by_name);
    for (int i = 0; i < 5; i++) printf("%s ", p[i].name);
    printf("\n");
    return 0;
}
