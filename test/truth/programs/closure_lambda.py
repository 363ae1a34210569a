def scale(factor):
    return lambda x: x * factor

double = scale(2)
triple = scale(3)
print(double(7), triple(7))
