def a(x):
    y = x + 1
    return b(y)

def b(y):
    z = y * 2
    return c(z)

def c(z):
    return [z] * 2

print(a(3))
