#include <stdio.h>
int sum(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int max(const int a[], int n) { int m = a[0]; for (int i = 1; i < n; i++) if (a[i] > m) m = a[i]; return m; }
void fill(int a[], int n, int v) { for (int i = 0; i < n; i++) a[i] = v * i; }
int main(void) {
    int nums[8];
    fill(nums, 8, 3);
    printf("%d %d\n", sum(nums, 8), max(nums, 8));
    printf("%zu\n", sizeof(nums) / sizeof(nums[0]));
    int *p = nums;
    printf("%d %d\n", p[7], *(nums + 3));
    return 0;
}
