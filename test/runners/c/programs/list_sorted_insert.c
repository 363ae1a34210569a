#include <stdio.h>
#include <stdlib.h>
struct item { int key; struct item *next; };
void insert(struct item **head, int key) {
    struct item **p = head;
    while (*p && (*p)->key < key) p = &(*p)->next;
    struct item *n = malloc(sizeof(struct item));
    n->key = key;
    n->next = *p;
    *p = n;
}
int remove_key(struct item **head, int key) {
    for (struct item **p = head; *p; p = &(*p)->next)
        if ((*p)->key == key) { struct item *dead = *p; *p = dead->next; free(dead); return 1; }
    return 0;
}
int main(void) {
    struct item *head = NULL;
    int keys[] = {5, 2, 9, 1, 7, 3};
    for (int i = 0; i < 6; i++) insert(&head, keys[i]);
    printf("%d %d\n", remove_key(&head, 9), remove_key(&head, 4));
    int count = 0;
    while (head) { printf("%d ", head->key); struct item *n = head->next; free(head); head = n; count++; }
    printf("\n%d\n", count);
    return 0;
}
