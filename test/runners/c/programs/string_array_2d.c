#include <stdio.h>
#include <string.h>
int main(void) {
    char names[4][8] = {"ann", "bob", "cy", "dee"};
    char *ptrs[4] = {"ann", "bob", "cy", "dee"};
    printf("%zu %zu\n", sizeof names, sizeof ptrs);
    for (int i = 0; i < 4; i++) names[i][0] = names[i][0] - 32;
    for (int i = 0; i < 4; i++) printf("%s/%s ", names[i], ptrs[i]);
    printf("\n");
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 4; j++)
            if (strcmp(names[i], names[j]) > 0) { char t[8]; strcpy(t, names[i]); strcpy(names[i], names[j]); strcpy(names[j], t); }
    printf("%s %s\n", names[0], names[3]);
    printf("%c\n", *(*(names + 2) + 1));
    return 0;
}
