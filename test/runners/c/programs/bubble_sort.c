#include <stdio.h>
void sort(int *a, int n) {
    for (int i = 0; i < n - 1; i++) {
        int swapped = 0;
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; swapped = 1; }
        if (!swapped) break;
    }
}
int bsearch_idx(const int *a, int n, int key) {
    int lo = 0, hi = n - 1;
    while (lo <= hi) { int mid = lo + (hi - lo) / 2; if (a[mid] == key) return mid; if (a[mid] < key) lo = mid + 1; else hi = mid - 1; }
    return -1;
}
int main(void) {
    int a[] = {9, 4, 7, 1, 8, 2, 6, 3, 5, 0};
    sort(a, 10);
    for (int i = 0; i < 10; i++) printf("%d", a[i]);
    printf("\n%d %d\n", bsearch_idx(a, 10, 7), bsearch_idx(a, 10, 11));
    return 0;
}
