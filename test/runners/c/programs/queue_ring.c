#include <stdio.h>
#include <stdlib.h>
#define CAP 4
typedef struct { int items[CAP]; int head, tail, size; } Queue;
int enqueue(Queue *q, int v) { if (q->size == CAP) return 0; q->items[q->tail] = v; q->tail = (q->tail + 1) % CAP; q->size++; return 1; }
int dequeue(Queue *q, int *out) { if (!q->size) return 0; *out = q->items[q->head]; q->head = (q->head + 1) % CAP; q->size--; return 1; }
int main(void) {
    Queue *q = calloc(1, sizeof(Queue));
    for (int i = 1; i <= 6; i++) printf("%d", enqueue(q, i * 11));
    printf("\n");
    int v;
    while (dequeue(q, &v)) { printf("%d ", v); if (v == 22) { enqueue(q, 99); enqueue(q, 100); } }
    printf("\n%zu\n", sizeof(Queue));
    free(q);
    return 0;
}
