#include <stdio.h>
int main(void) {
    float f = 0.1f;
    double d = 0.1;
    printf("%.10f %.17f\n", f, d);
    float sum = 0;
    for (int i = 0; i < 10; i++) sum += 0.1f;
    printf("%f %.9g\n", sum, sum);
    double x = 1e300 * 1e10;
    printf("%f %e\n", x, 1.0 / 3.0);
    printf("%g %g %g\n", 100000.0, 1000000.0, 0.0001);
    int n = (int)3.99;
    int m = (int)-3.99;
    printf("%d %d\n", n, m);
    double q = 7 / 2;
    double r = 7 / 2.0;
    printf("%.1f %.1f\n", q, r);
    printf("%8.3f|%-8.2f|%+.2e\n", 3.14159, 2.5, 12345.0);
    return 0;
}
