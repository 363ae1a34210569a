#include <stdio.h>
#include <string.h>
typedef struct { char name[16]; int age; double score; } Student;
int main(void) {
    Student class[3] = { {"Ana", 20, 88.5}, {"Bo", 22, 91.0}, {"Cy", 19, 79.25} };
    double total = 0;
    int oldest = 0;
    for (int i = 0; i < 3; i++) {
        total += class[i].score;
        if (class[i].age > class[oldest].age) oldest = i;
    }
    printf("avg %.2f oldest %s\n", total / 3, class[oldest].name);
    Student *p = class;
    strcpy((p + 2)->name, "Cyd");
    printf("%s %zu\n", class[2].name, sizeof(Student));
    return 0;
}
