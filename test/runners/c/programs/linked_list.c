#include <stdio.h>
#include <stdlib.h>
typedef struct node { int value; struct node *next; } node;
node *push(node *head, int v) { node *n = malloc(sizeof *n); n->value = v; n->next = head; return n; }
node *reverse(node *h) { node *prev = NULL; while (h) { node *next = h->next; h->next = prev; prev = h; h = next; } return prev; }
void print(const node *h) { for (; h; h = h->next) printf("%d -> ", h->value); printf("NULL\n"); }
void destroy(node *h) { while (h) { node *n = h->next; free(h); h = n; } }
int main(void) {
    node *list = NULL;
    for (int i = 1; i <= 5; i++) list = push(list, i * 10);
    print(list);
    list = reverse(list);
    print(list);
    destroy(list);
    return 0;
}
