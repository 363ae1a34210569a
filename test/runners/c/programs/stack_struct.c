#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
typedef struct { int *data; int top; int cap; } Stack;
Stack make(int cap) { Stack s = { malloc(cap * sizeof(int)), 0, cap }; return s; }
bool push(Stack *s, int v) { if (s->top == s->cap) return false; s->data[s->top++] = v; return true; }
int pop(Stack *s) { return s->data[--s->top]; }
int main(void) {
    Stack s = make(4);
    for (int i = 0; i < 6; i++) printf("%d", push(&s, i));
    printf("\n");
    while (s.top > 0) printf("%d ", pop(&s));
    printf("\n");
    free(s.data);
    return 0;
}
