#include <stdio.h>
#include <stdlib.h>
typedef struct tree { int key; struct tree *left, *right; } tree;
tree *insert(tree *t, int key) {
    if (!t) { t = calloc(1, sizeof *t); t->key = key; return t; }
    if (key < t->key) t->left = insert(t->left, key);
    else t->right = insert(t->right, key);
    return t;
}
void inorder(tree *t) { if (!t) return; inorder(t->left); printf("%d ", t->key); inorder(t->right); }
int height(tree *t) { if (!t) return 0; int l = height(t->left), r = height(t->right); return 1 + (l > r ? l : r); }
void destroy(tree *t) { if (!t) return; destroy(t->left); destroy(t->right); free(t); }
int main(void) {
    tree *root = NULL;
    int keys[] = {50, 30, 70, 20, 40, 60, 80, 35};
    for (int i = 0; i < 8; i++) root = insert(root, keys[i]);
    inorder(root);
    printf("\nheight %d\n", height(root));
    destroy(root);
    return 0;
}
